using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Geography;

namespace TamRl.Upscale.SampleWorld.Calibration;

/// <summary>Global (or regional) sums of the truth: g C per day summed over land area (cell area x land fraction).</summary>
internal sealed class GlobalBudget
{
    private readonly double[] _weight; // m2 of land per land-cell unit
    private double _gpp, _reco, _nee;

    public GlobalBudget(WorldGeography geo, int[] landCells)
    {
        _weight = landCells.Select(c => geo.Area[c] * geo.LandFraction[c]).ToArray();
        IsGlobal = geo.Grid.IsGlobalInLongitude && geo.Grid.Rows * geo.Grid.LatitudeResolution >= 179.999;
    }

    public bool IsGlobal { get; }
    public int Days { get; private set; }

    public void Add(ProcessModel model)
    {
        double g = 0, r = 0, n = 0;
        for (var u = 0; u < _weight.Length; u++)
        {
            g += model.Gpp[u] * _weight[u];
            r += model.Reco[u] * _weight[u];
            n += model.Nee[u] * _weight[u];
        }
        _gpp += g;
        _reco += r;
        _nee += n;
        Days++;
    }

    /// <summary>Mean annual flux in Pg C per year (g -> Pg is 1e-15), scaled from the days run.</summary>
    public double GppPgPerYear => _gpp * 1e-15 * 365.25 / Math.Max(Days, 1);
    public double RecoPgPerYear => _reco * 1e-15 * 365.25 / Math.Max(Days, 1);
    public double NeePgPerYear => _nee * 1e-15 * 365.25 / Math.Max(Days, 1);
}
