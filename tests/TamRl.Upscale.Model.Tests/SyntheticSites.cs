using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests;

/// <summary>
/// Small synthetic flux sites for tests: seasonal drivers, GPP from light and greenness scaled by a
/// per-site efficiency that follows the site's mean temperature (something history reveals), RECO from
/// temperature, NEE = RECO - GPP, QC fractions in [0, 1] and a few gaps.
/// </summary>
internal static class SyntheticSites
{
    public static SiteSeriesSet Create(int sites = 6, int days = 120, int seed = 1, double gapFraction = 0.05)
    {
        var rng = new Random(seed);
        var f = DriverFeatures.All.Count;
        var drivers = new float[sites * days * f];
        var gpp = new float[sites * days];
        var reco = new float[sites * days];
        var nee = new float[sites * days];
        var qc = new float[sites * days];
        var igbp = new int[sites];
        var koppen = new int[sites];
        var lat = new float[sites];
        var lon = new float[sites];
        for (var s = 0; s < sites; s++)
        {
            igbp[s] = 1 + s % 3;
            koppen[s] = 5 + s % 2;
            lat[s] = (float)(rng.NextDouble() * 120 - 60);
            lon[s] = (float)(rng.NextDouble() * 360 - 180);
            var meanT = (float)(rng.NextDouble() * 25);
            var efficiency = 0.5f + meanT / 25f;
            for (var d = 0; d < days; d++)
            {
                var season = (float)Math.Sin(2 * Math.PI * d / 60.0);
                var ta = meanT + 8 * season + (float)(rng.NextDouble() * 2 - 1);
                var sw = 150 + 100 * season + (float)(rng.NextDouble() * 20);
                var ndvi = 0.5f + 0.3f * season;
                var row = drivers.AsSpan((s * days + d) * f, f);
                row[0] = ta; row[1] = ta - 5; row[2] = ta + 5; row[3] = 5 + ta / 3; row[4] = sw;
                row[5] = (float)(rng.NextDouble() * 3); row[6] = 0.3f; row[7] = ndvi; row[8] = ndvi * 0.8f; row[9] = ta + 2;
                var i = s * days + d;
                gpp[i] = Math.Max(0, efficiency * sw / 40f * ndvi);
                reco[i] = 1.5f * (float)Math.Exp(0.05 * ta);
                nee[i] = reco[i] - gpp[i];
                qc[i] = (float)Math.Round(rng.NextDouble(), 2);
                if (rng.NextDouble() < gapFraction)
                    gpp[i] = reco[i] = nee[i] = qc[i] = float.NaN;
            }
        }
        return new SiteSeriesSet(Enumerable.Range(0, sites).Select(s => $"XX-S{s:D2}").ToArray(), days, drivers, gpp, reco, nee, qc, igbp, koppen, lat, lon);
    }

    public static TrainingOptions TinyOptions => new()
    {
        Hidden = 8,
        Latent = 4,
        Layers = 1,
        Dropout = 0.0,
        WindowLength = 10,
        WindowStride = 10,
        SupportWindows = 2,
        BatchSize = 8,
        Epochs = 4,
        PretrainEpochs = 1,
        Patience = 10,
        LearningRate = 5e-3,
        HoldoutFraction = 0.25,
        Threads = 1,
    };
}
