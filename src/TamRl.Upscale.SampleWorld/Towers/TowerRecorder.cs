using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// The true daily series at every tower over the whole period (towers x days x a few values: it grows with
/// the period and the network, never with the grid).
/// </summary>
internal sealed class TowerRecorder
{
    private readonly DateOnly _first;

    public TowerRecorder(IReadOnlyList<Tower> towers, DateOnly first, DateOnly last)
    {
        _first = first;
        var days = last.DayNumber - first.DayNumber + 1;
        TaC = Make(towers.Count, days);
        SwWm2 = Make(towers.Count, days);
        VpdHpa = Make(towers.Count, days);
        PrecipMm = Make(towers.Count, days);
        Gpp = Make(towers.Count, days);
        Reco = Make(towers.Count, days);
        GppWithoutLatent = Make(towers.Count, days);
        RecoWithoutLatent = Make(towers.Count, days);
    }

    public float[][] TaC { get; }
    public float[][] SwWm2 { get; }
    public float[][] VpdHpa { get; }
    public float[][] PrecipMm { get; }
    public float[][] Gpp { get; }
    public float[][] Reco { get; }
    /// <summary>The tower's twin without the latent field (z1 = z2 = 0): what the drivers and the place's history alone make.</summary>
    public float[][] GppWithoutLatent { get; }
    public float[][] RecoWithoutLatent { get; }
    public DateOnly First => _first;

    private static float[][] Make(int towers, int days) => Enumerable.Range(0, towers).Select(_ => new float[days]).ToArray();

    /// <summary>
    /// Records one day of the towers of a band: <paramref name="towers"/> are their indices in the network,
    /// <paramref name="cells"/> their band-local cells, and they are the model's units from <paramref name="firstUnit"/> on,
    /// their twins without the latent field from <paramref name="firstTwin"/> on.
    /// </summary>
    public void Add(DateOnly date, WeatherDay w, ProcessModel model, int[] towers, int[] cells, int firstUnit, int firstTwin)
    {
        var d = date.DayNumber - _first.DayNumber;
        for (var i = 0; i < towers.Length; i++)
        {
            var k = towers[i];
            var c = cells[i];
            TaC[k][d] = w.TempC[c];
            SwWm2[k][d] = w.Ssrd[c] / 86400f;
            VpdHpa[k][d] = w.VpdHpa[c];
            PrecipMm[k][d] = w.Tp[c] * 1000f;
            Gpp[k][d] = model.Gpp[firstUnit + i];
            Reco[k][d] = model.Reco[firstUnit + i];
            GppWithoutLatent[k][d] = model.Gpp[firstTwin + i];
            RecoWithoutLatent[k][d] = model.Reco[firstTwin + i];
        }
    }
}
