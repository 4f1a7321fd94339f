using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Seeded synthetic sites (for fitting a feature encoding) and pixel blocks for benchmarks; speed does not depend on the
/// values. Also
/// compiled into bench/cuda/CsharpCuda, which must stay free of the bench's other dependencies.
/// </summary>
internal static class BenchSites
{
    public static SiteSeriesSet Synthetic(int sites, int days)
    {
        var rng = new Random(7);
        var f = DriverFeatures.All.Count;
        float[] R(int n, float scale) => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() * scale).ToArray();
        var qc = R(sites * days, 1);
        return new SiteSeriesSet(Enumerable.Range(0, sites).Select(i => $"B-{i:D3}").ToArray(), days, R(sites * days * f, 10), R(sites * days, 8), R(sites * days, 6),
            R(sites * days, 4), qc, Enumerable.Range(0, sites).Select(i => i % 17).ToArray(), Enumerable.Range(0, sites).Select(i => 1 + i % 30).ToArray(),
            R(sites, 90), R(sites, 180));
    }

    /// <summary>A seeded block of pixels' whole series.</summary>
    public static PixelBlock Pixels(int pixels, int days, int seed = 3)
    {
        var rng = new Random(seed);
        var f = DriverFeatures.All.Count;
        var drivers = new float[pixels * days * f];
        for (var i = 0; i < drivers.Length; i++)
            drivers[i] = (float)rng.NextDouble() * 10;
        return new PixelBlock(pixels, days, drivers,
            Enumerable.Range(0, pixels).Select(i => i % 17).ToArray(), Enumerable.Range(0, pixels).Select(i => 1 + i % 30).ToArray(),
            Enumerable.Range(0, pixels).Select(i => (float)(i % 180 - 90)).ToArray(), Enumerable.Range(0, pixels).Select(i => (float)(i % 360 - 180)).ToArray());
    }
}
