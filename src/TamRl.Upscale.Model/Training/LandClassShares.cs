using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// The share of the land area (cell area x land fraction) that each IGBP and each Koppen class holds on a driver
/// cube's grid: what the towers would have to sample for their classes to stand for the land the product covers
/// (<see cref="ClassWeights.LandRepresentative"/>). Cells without a class (-1) count toward no class.
/// </summary>
public sealed record LandClassShares(IReadOnlyDictionary<int, double> Igbp, IReadOnlyDictionary<int, double> Koppen)
{
    /// <summary>The shares of a driver cube folder's static fields (docs/data-contracts.md, the driver cube).</summary>
    public static LandClassShares Read(string driverCube)
    {
        var reader = DriverCubeReader.Open(driverCube);
        var shares = Of(reader.Grid, reader.ReadStatic());
        if (shares.Igbp.Count == 0 && shares.Koppen.Count == 0)
            throw new InvalidInputException(Path.Combine(reader.Directory, DriverCubeLayout.StaticFileName), "land_fraction",
                "no land cell with an IGBP or Koppen class: no land shares to weight the towers by");
        return shares;
    }

    public static LandClassShares Of(RegularLatLonGrid grid, StaticFields fields)
    {
        var rowArea = grid.RowCellAreas();
        var igbp = new Dictionary<int, double>();
        var koppen = new Dictionary<int, double>();
        double total = 0;
        for (var cell = 0; cell < fields.LandFraction.Length; cell++)
        {
            var land = fields.LandFraction[cell];
            if (!(land > 0))
                continue;
            var area = rowArea[cell / grid.Columns] * land;
            total += area;
            if (fields.Igbp[cell] >= 0)
                igbp[fields.Igbp[cell]] = igbp.GetValueOrDefault(fields.Igbp[cell]) + area;
            if (fields.Koppen[cell] >= 0)
                koppen[fields.Koppen[cell]] = koppen.GetValueOrDefault(fields.Koppen[cell]) + area;
        }
        if (total <= 0)
            return new LandClassShares(new Dictionary<int, double>(), new Dictionary<int, double>());
        return new LandClassShares(igbp.ToDictionary(p => p.Key, p => p.Value / total), koppen.ToDictionary(p => p.Key, p => p.Value / total));
    }
}
