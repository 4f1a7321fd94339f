using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Tests.Dataset;

/// <summary>Small datasets whose every value says where it came from (site, day, feature), for layout checks.</summary>
internal static class TinyDatasets
{
    public static float DriverValue(int site, int day, int feature) => site * 1000 + day + feature * 0.01f;

    public static TrainingDataset Make(int sites = 3, int days = 40, int windowLength = 30, int windowStride = 15)
    {
        var f = DriverFeatures.Names.Count;
        var drivers = new float[sites * days * f];
        var gpp = new float[sites * days];
        var reco = new float[sites * days];
        var nee = new float[sites * days];
        var qc = new float[sites * days];
        for (var s = 0; s < sites; s++)
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < f; k++)
                    drivers[(s * days + d) * f + k] = DriverValue(s, d, k);
                var i = s * days + d;
                gpp[i] = 5 + s + d * 0.1f;
                reco[i] = 3 + s;
                nee[i] = reco[i] - gpp[i];
                // every fifth day missing, every third day fully measured, else half
                qc[i] = d % 5 == 4 ? float.NaN : d % 3 == 0 ? 1f : 0.5f;
                if (d % 5 == 4)
                    gpp[i] = reco[i] = nee[i] = float.NaN;
            }
        var siteList = Enumerable.Range(0, sites)
            .Select(s => new SiteInfo($"XX-S{s:D2}", 40.5 + s, -100.25 + s, 1 + s % 5, 14 + s % 3, s % 2 == 0 ? "FLUXNET2015" : "ICOS"))
            .ToArray();
        return new TrainingDataset(siteList, new DateOnly(2005, 1, 1), days, DriverFeatures.Names, drivers, gpp, reco, nee, qc,
            windowLength, windowStride);
    }
}
