using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.IO.Geography;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;

namespace TamRl.Upscale.Bench;

/// <summary>
/// The products suite's driver cube on real land (<c>--land kottek</c>): the land mask and Koppen classes of the Kottek et
/// al. (2006) map, regridded as a real run's static fields are (<see cref="RealStaticGeography"/>), with its ice cap (class
/// EF: Antarctica, Greenland's interior) given IGBP 15, permanent snow and ice, which a product run does not hand to the
/// model (<see cref="SurfaceRules"/>). The drivers are the synthetic cube's formulas (<see cref="SyntheticDriverCube.Value"/>)
/// and the other land's IGBP its latitude band, as in the synthetic cube: the cost of inference does not depend on them,
/// it depends on how many pixels the model is handed, which is what this makes real (at 0.5 degree, 64,323 cells: land less
/// the ice cap, about 23.5 M pixel-days a year; the synthetic cube's formula has 92,376).
/// </summary>
public static class KottekLandCube
{
    /// <summary>The static fields on <paramref name="grid"/> (row-major, land fraction 0 at sea).</summary>
    public static StaticFields Statics(string realData, RegularLatLonGrid grid)
    {
        var fields = RealStaticGeography.Build(realData, grid, null);
        var ice = KoppenMap.Load(realData).Names.ToList().IndexOf("EF");
        if (ice <= 0)
            throw new InvalidOperationException($"the Koppen key under {realData} has no class EF");
        for (var i = 0; i < fields.LandFraction.Length; i++)
        {
            var lat = grid.LatitudeOfRow(i / grid.Columns);
            fields.Igbp[i] = !fields.IsLand(i) ? 0 : fields.Koppen[i] == ice ? SurfaceRules.PermanentSnowAndIce : Math.Min(7, (int)(Math.Abs(lat) / 10));
        }
        return fields;
    }

    /// <summary>Writes the cube in the contract's layout through the Ingest writers, as the synthetic cube's writer does (a day's map at a time).</summary>
    public static void Write(string folder, RegularLatLonGrid grid, StaticFields statics, IEnumerable<DatePeriod> months) =>
        DriverCubeFiles.Write(folder, grid, statics.LandFraction, statics.Igbp, statics.Koppen, months);
}
