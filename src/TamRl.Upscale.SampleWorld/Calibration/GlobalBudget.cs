using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Geography;

namespace TamRl.Upscale.SampleWorld.Calibration;

/// <summary>
/// Global (or regional) sums of the truth: g C per day summed over land area (cell area x land fraction).
/// Sums are kept per grid row (each day's row sum added in column order) and added up over rows at the end, so
/// the floating-point result is the same whichever bands the world was generated in.
/// </summary>
internal sealed class GlobalBudget
{
    private readonly double[] _gpp, _reco, _nee;

    public GlobalBudget(RegularLatLonGrid grid, int days)
    {
        _gpp = new double[grid.Rows];
        _reco = new double[grid.Rows];
        _nee = new double[grid.Rows];
        Days = days;
        IsGlobal = grid.IsGlobalInLongitude && grid.Rows * grid.LatitudeResolution >= 179.999;
    }

    public bool IsGlobal { get; }
    public int Days { get; }

    /// <summary>Adds one day of a band: <paramref name="landCells"/> (band-local, ascending) are the model's first units.</summary>
    public void Add(WorldGeography geo, int[] landCells, ProcessModel model)
    {
        var columns = geo.BandColumns;
        var u = 0;
        while (u < landCells.Length)
        {
            var row = landCells[u] / columns;
            double g = 0, r = 0, n = 0;
            for (; u < landCells.Length && landCells[u] / columns == row; u++)
            {
                var c = landCells[u];
                var weight = geo.Area[c] * geo.LandFraction[c];
                g += model.Gpp[u] * weight;
                r += model.Reco[u] * weight;
                n += model.Nee[u] * weight;
            }
            _gpp[geo.RowStart + row] += g;
            _reco[geo.RowStart + row] += r;
            _nee[geo.RowStart + row] += n;
        }
    }

    private double PerYear(double[] rows) => rows.Sum() * 1e-15 * 365.25 / Math.Max(Days, 1);

    /// <summary>Mean annual flux in Pg C per year (g -> Pg is 1e-15), scaled from the days run.</summary>
    public double GppPgPerYear => PerYear(_gpp);
    public double RecoPgPerYear => PerYear(_reco);
    public double NeePgPerYear => PerYear(_nee);
}
