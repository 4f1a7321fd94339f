using System.Globalization;
using TamRl.Upscale.SampleWorld.Towers;

namespace TamRl.Upscale.SampleWorld.Calibration;

/// <summary>
/// The world set against reality: global GPP and NEE (Beer et al. 2010: 123 +- 8 PgC/yr; X-BASE NEE -5.75),
/// daily tower fluxes by IGBP class, and the real US-Wi7 2005 file beside the synthetic tower at its place.
/// </summary>
public sealed class CalibrationReport
{
    public const double GppMin = 110, GppMax = 140, NeeMin = -8, NeeMax = 0;

    public sealed record IgbpRange(string Igbp, int Days, double GppP5, double GppP50, double GppP95, double GppMax, double NeeP5, double NeeP95);

    public sealed record SeasonalComparison(string Site, double RealGppAmplitude, double SyntheticGppAmplitude, double RealAnnualGpp, double SyntheticAnnualGpp);

    public bool Global { get; init; }
    public double GppPgPerYear { get; init; }
    public double RecoPgPerYear { get; init; }
    public double NeePgPerYear { get; init; }
    public IReadOnlyList<IgbpRange> Towers { get; init; } = [];
    public SeasonalComparison? UsWi7 { get; init; }

    /// <summary>Whether the global budget lies in the calibrated bounds (only meaningful for a global world).</summary>
    public bool WithinBounds => GppPgPerYear is >= GppMin and <= GppMax && NeePgPerYear is >= NeeMin and <= NeeMax;

    internal static CalibrationReport Build(GlobalBudget budget, List<TowerWriter.Summary> towers, IReadOnlyList<Tower> network,
        TowerRecorder recorder, string realData) => new()
    {
        Global = budget.IsGlobal,
        GppPgPerYear = budget.GppPgPerYear,
        RecoPgPerYear = budget.RecoPgPerYear,
        NeePgPerYear = budget.NeePgPerYear,
        Towers = towers.Where(s => s.Gpp.Count > 0).Select(s => new IgbpRange(s.Igbp, s.Gpp.Count,
            Quantile(s.Gpp, 0.05), Quantile(s.Gpp, 0.5), Quantile(s.Gpp, 0.95), s.Gpp.Max(), Quantile(s.Nee, 0.05), Quantile(s.Nee, 0.95))).ToList(),
        UsWi7 = CompareUsWi7(network, recorder, realData),
    };

    private static SeasonalComparison? CompareUsWi7(IReadOnlyList<Tower> network, TowerRecorder recorder, string realData)
    {
        var k = network.ToList().FindIndex(t => t.SiteId == "US-Wi7");
        var file = Directory.Exists(Path.Combine(realData, "fluxnet"))
            ? Directory.EnumerateFiles(Path.Combine(realData, "fluxnet"), "FLX_US-Wi7_*DD*.csv").FirstOrDefault() : null;
        if (k < 0 || file is null)
            return null;
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var gppCol = Array.IndexOf(header, "GPP_NT_VUT_REF");
        var realMonthly = new double[12];
        var realCount = new int[12];
        var realAnnual = 0.0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var v = double.Parse(f[gppCol], CultureInfo.InvariantCulture);
            if (v <= -9999)
                continue;
            var m = int.Parse(f[0].AsSpan(4, 2), CultureInfo.InvariantCulture) - 1;
            realMonthly[m] += v;
            realCount[m]++;
            realAnnual += v;
        }
        var synMonthly = new double[12];
        var synCount = new int[12];
        var gpp = recorder.Gpp[k];
        for (var d = 0; d < gpp.Length; d++)
        {
            var m = recorder.First.AddDays(d).Month - 1;
            synMonthly[m] += gpp[d];
            synCount[m]++;
        }
        double Amplitude(double[] sums, int[] counts)
        {
            var means = Enumerable.Range(0, 12).Where(m => counts[m] > 0).Select(m => sums[m] / counts[m]).ToList();
            return means.Count == 0 ? double.NaN : means.Max() - means.Min();
        }
        var synAnnual = gpp.Length == 0 ? 0 : gpp.Average() * 365.25;
        return new SeasonalComparison("US-Wi7", Amplitude(realMonthly, realCount), Amplitude(synMonthly, synCount), realAnnual, synAnnual);
    }

    private static double Quantile(List<float> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    public void Print(TextWriter w)
    {
        var ci = CultureInfo.InvariantCulture;
        w.WriteLine(Global ? "Calibration (global):" : "Calibration (region only: global bounds do not apply):");
        w.WriteLine(string.Format(ci, "  GPP  {0,7:F1} PgC/yr   (target {1}..{2}; Beer et al. 2010: 123 +- 8)", GppPgPerYear, GppMin, GppMax));
        w.WriteLine(string.Format(ci, "  RECO {0,7:F1} PgC/yr", RecoPgPerYear));
        w.WriteLine(string.Format(ci, "  NEE  {0,7:F1} PgC/yr   (target {1}..{2}; X-BASE: -5.75)", NeePgPerYear, NeeMin, NeeMax));
        if (Towers.Count > 0)
        {
            w.WriteLine("  Daily tower fluxes (GPP_NT_VUT_USTAR50, NEE_VUT_USTAR50; g C m-2 d-1) by IGBP:");
            w.WriteLine("    igbp   days     GPP p5    p50    p95    max    NEE p5    p95");
            foreach (var t in Towers)
                w.WriteLine(string.Format(ci, "    {0,-5} {1,6} {2,9:F2} {3,6:F2} {4,6:F2} {5,6:F2} {6,9:F2} {7,6:F2}",
                    t.Igbp, t.Days, t.GppP5, t.GppP50, t.GppP95, t.GppMax, t.NeeP5, t.NeeP95));
        }
        if (UsWi7 is { } u)
            w.WriteLine(string.Format(ci,
                "  US-Wi7: seasonal amplitude of monthly GPP real 2005 {0:F2} vs synthetic {1:F2} g C m-2 d-1; annual GPP real {2:F0} vs synthetic truth {3:F0} g C m-2",
                u.RealGppAmplitude, u.SyntheticGppAmplitude, u.RealAnnualGpp, u.SyntheticAnnualGpp));
    }

    internal object ToManifestObject() => new Dictionary<string, object?>
    {
        ["global"] = Global,
        ["gpp_pgc_per_year"] = Math.Round(GppPgPerYear, 2),
        ["reco_pgc_per_year"] = Math.Round(RecoPgPerYear, 2),
        ["nee_pgc_per_year"] = Math.Round(NeePgPerYear, 2),
    };
}
