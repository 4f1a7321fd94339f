using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// The true daily series at every tower over the whole period (towers x days x a few values: it grows with
/// the period and the network, never with the grid).
/// </summary>
internal sealed class TowerRecorder
{
    private readonly IReadOnlyList<Tower> _towers;
    private readonly int _firstUnit;
    private readonly DateOnly _first;

    public TowerRecorder(IReadOnlyList<Tower> towers, int firstUnit, DateOnly first, DateOnly last)
    {
        _towers = towers;
        _firstUnit = firstUnit;
        _first = first;
        var days = last.DayNumber - first.DayNumber + 1;
        TaC = Make(towers.Count, days);
        SwWm2 = Make(towers.Count, days);
        VpdHpa = Make(towers.Count, days);
        PrecipMm = Make(towers.Count, days);
        Gpp = Make(towers.Count, days);
        Reco = Make(towers.Count, days);
    }

    public float[][] TaC { get; }
    public float[][] SwWm2 { get; }
    public float[][] VpdHpa { get; }
    public float[][] PrecipMm { get; }
    public float[][] Gpp { get; }
    public float[][] Reco { get; }
    public DateOnly First => _first;

    private static float[][] Make(int towers, int days) => Enumerable.Range(0, towers).Select(_ => new float[days]).ToArray();

    public void Add(DateOnly date, WeatherDay w, ProcessModel model)
    {
        var d = date.DayNumber - _first.DayNumber;
        for (var k = 0; k < _towers.Count; k++)
        {
            var c = _towers[k].Cell;
            TaC[k][d] = w.TempC[c];
            SwWm2[k][d] = w.Ssrd[c] / 86400f;
            VpdHpa[k][d] = w.VpdHpa[c];
            PrecipMm[k][d] = w.Tp[c] * 1000f;
            Gpp[k][d] = model.Gpp[_firstUnit + k];
            Reco[k][d] = model.Reco[_firstUnit + k];
        }
    }
}
