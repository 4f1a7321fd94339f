using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Turns physical drivers and static features into the model's per-day input vector:
/// standardised drivers (NaN, which the driver cube should never hold over land, becomes the mean),
/// then one-hot IGBP, one-hot Koppen and the location (lat/90, sin lon, cos lon). The static part is also
/// TAMLSTM's conditioning vector. Statistics come from the training sites and travel in the bundle.
/// </summary>
public sealed record FeatureEncoding(float[] DriverMean, float[] DriverStd, int IgbpClasses, int KoppenClasses, TargetScales Targets)
{
    /// <summary>IGBP classes 0..17 (data/real/sites/igbp_key.csv); Koppen codes 1..30 (koeppen_geiger_key.csv), 0 unused.</summary>
    public const int DefaultIgbpClasses = 18;
    public const int DefaultKoppenClasses = 31;

    public int DriverCount => DriverMean.Length;

    /// <summary>The driver features the statistics belong to, in order; the driver cube's features unless set.</summary>
    public IReadOnlyList<string> Features { get; init; } = Core.Variables.DriverFeatures.Names;
    /// <summary>
    /// Whether the location (lat/90, sin lon, cos lon) is an input; false writes zeros in its three slots (same sizes,
    /// so the architecture does not change). Off for upscaling beyond the towers' latitudes: a network given coordinates
    /// can key on where the towers are rather than on drivers, and the tropics and southern lands are coordinates few
    /// towers have (issue 19); FLUXCOM's models take no coordinates for that reason.
    /// </summary>
    public bool Location { get; init; } = true;
    /// <summary>
    /// The IGBP and Koppen classes the training sites hold (null: every class, as bundles written before this was
    /// recorded). A class outside them gets no one-hot (zeros): its column's weights were never trained (a zero
    /// input has zero gradient), so its one-hot would add the random values of their initialisation to every pixel
    /// of that class; without it the pixel is predicted from its drivers and location alone (issue 19: classes
    /// without a tower, 8 % of the demo world's land, carried a quarter of the net-sink error).
    /// </summary>
    public IReadOnlySet<int>? TrainedIgbp { get; init; }
    /// <inheritdoc cref="TrainedIgbp"/>
    public IReadOnlySet<int>? TrainedKoppen { get; init; }
    public int StaticSize => IgbpClasses + KoppenClasses + 3;
    public int InputSize => DriverCount + StaticSize;

    /// <summary>Statistics over the given sites' days.</summary>
    public static FeatureEncoding Fit(SiteSeriesSet data, IReadOnlyList<int> sites, int igbpClasses = DefaultIgbpClasses, int koppenClasses = DefaultKoppenClasses)
    {
        var f = data.Features;
        var sum = new double[f];
        var sumSq = new double[f];
        var count = new long[f];
        foreach (var s in sites)
        {
            var drivers = data.SiteDrivers(s);
            for (var i = 0; i < drivers.Length; i++)
            {
                var v = drivers[i];
                if (float.IsNaN(v))
                    continue;
                var k = i % f;
                sum[k] += v;
                sumSq[k] += (double)v * v;
                count[k]++;
            }
        }
        var mean = new float[f];
        var std = new float[f];
        for (var k = 0; k < f; k++)
        {
            var m = count[k] > 0 ? sum[k] / count[k] : 0;
            var variance = count[k] > 1 ? sumSq[k] / count[k] - m * m : 0;
            mean[k] = (float)m;
            std[k] = (float)Math.Max(Math.Sqrt(Math.Max(variance, 0)), 1e-6);
        }
        return new FeatureEncoding(mean, std, igbpClasses, koppenClasses, FitTargets(data, sites))
        {
            Features = data.FeatureNames,
            TrainedIgbp = sites.Select(s => data.Igbp[s]).ToHashSet(),
            TrainedKoppen = sites.Select(s => data.Koppen[s]).ToHashSet(),
        };
    }

    private static TargetScales FitTargets(SiteSeriesSet data, IReadOnlyList<int> sites)
    {
        static (double Mean, double Std) Stats(float[] values, IReadOnlyList<int> sites, int days)
        {
            double sum = 0, sumSq = 0;
            long n = 0;
            foreach (var s in sites)
                for (var d = 0; d < days; d++)
                {
                    var v = values[s * days + d];
                    if (float.IsNaN(v))
                        continue;
                    sum += v;
                    sumSq += (double)v * v;
                    n++;
                }
            if (n < 2)
                return (0, 1);
            var m = sum / n;
            return (m, Math.Max(Math.Sqrt(Math.Max(sumSq / n - m * m, 0)), 1e-3));
        }
        var gpp = Stats(data.Gpp, sites, data.Days);
        var reco = Stats(data.Reco, sites, data.Days);
        var nee = Stats(data.Nee, sites, data.Days);
        return new TargetScales((float)gpp.Std, (float)reco.Std, (float)nee.Std, (float)nee.Mean);
    }

    /// <summary>The static vector of one location [StaticSize].</summary>
    public float[] EncodeStatic(int igbp, int koppen, float latitude, float longitude)
    {
        var v = new float[StaticSize];
        if (igbp >= 0 && igbp < IgbpClasses && (TrainedIgbp is null || TrainedIgbp.Contains(igbp)))
            v[igbp] = 1;
        if (koppen >= 0 && koppen < KoppenClasses && (TrainedKoppen is null || TrainedKoppen.Contains(koppen)))
            v[IgbpClasses + koppen] = 1;
        if (!Location)
            return v;
        var lon = longitude * Math.PI / 180;
        v[IgbpClasses + KoppenClasses] = latitude / 90f;
        v[IgbpClasses + KoppenClasses + 1] = (float)Math.Sin(lon);
        v[IgbpClasses + KoppenClasses + 2] = (float)Math.Cos(lon);
        return v;
    }

    /// <summary>A location's whole series [days, InputSize] from its drivers [days, drivers].</summary>
    public float[] EncodeSeries(ReadOnlySpan<float> drivers, int days, float[] staticVector)
    {
        var f = DriverCount;
        if (drivers.Length != days * f)
            throw new ArgumentException($"drivers hold {drivers.Length} values, expected {days} x {f}");
        var width = InputSize;
        var result = new float[days * width];
        for (var d = 0; d < days; d++)
        {
            var row = result.AsSpan(d * width, width);
            for (var k = 0; k < f; k++)
            {
                var v = drivers[d * f + k];
                row[k] = float.IsNaN(v) ? 0 : (v - DriverMean[k]) / DriverStd[k];
            }
            staticVector.CopyTo(row[f..]);
        }
        return result;
    }
}
