using TamRl.Upscale.Core.Randomness;
using System.Globalization;
using System.Text;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Randomness;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// W/towers/: one FLUXNET FULLSET DD CSV per tower and sites.csv. What a tower file carries beyond the truth:
/// <list type="bullet">
/// <item>measurement noise on NEE, heteroscedastic (sd 0.35 + 0.12 |NEE|, scaled per site);</item>
/// <item>partitioning noise: RECO_NT carries a site bias (sd 8 %) and daily error; GPP_NT = RECO_NT - NEE, as
/// night-time partitioning does, so GPP dips below zero on dormant days as in real files;</item>
/// <item>REF variants differ slightly from USTAR50 ones; a site's share of complete days (QC = 1) and its QC fractions per day vary around site means (lower
/// in frost), on JapanFlux's 0 (best) .. 3 grade for JPX files;</item>
/// <item>-9999 gaps: runs of days (instrument failure) and single days, in every flux column, while the
/// meteorology (ERA-filled in real files) stays complete.</item>
/// </list>
/// </summary>
internal static class TowerWriter
{
    public const string Header = "TIMESTAMP,TA_F,TA_F_QC,SW_IN_F,SW_IN_F_QC,VPD_F,VPD_F_QC,P_F,P_F_QC," +
                                 "NEE_VUT_REF,NEE_VUT_REF_QC,NEE_VUT_USTAR50,NEE_VUT_USTAR50_QC," +
                                 "RECO_NT_VUT_REF,RECO_NT_VUT_USTAR50,GPP_NT_VUT_REF,GPP_NT_VUT_USTAR50";

    /// <summary>Daily tower GPP, RECO and NEE (USTAR50, gaps left out) per IGBP class, for calibration.</summary>
    public sealed record Summary(string Igbp, List<float> Gpp, List<float> Reco, List<float> Nee);

    public static List<Summary> WriteAll(string folder, IReadOnlyList<Tower> towers, TowerRecorder rec, SampleWorldOptions options)
    {
        Directory.CreateDirectory(folder);
        var summaries = new Dictionary<string, Summary>();
        var sites = new StringBuilder("site_id,lat,lon,igbp,koppen,network,file\n");
        for (var k = 0; k < towers.Count; k++)
        {
            var t = towers[k];
            var igbp = Igbp.Abbreviations[t.Igbp];
            if (!summaries.TryGetValue(igbp, out var summary))
                summaries[igbp] = summary = new Summary(igbp, [], [], []);
            WriteOne(Path.Combine(folder, t.FileName), t, k, rec, options.Seed, summary);
            sites.Append(CultureInfo.InvariantCulture,
                $"{t.SiteId},{t.Latitude:0.#####},{t.Longitude:0.#####},{igbp},{t.Koppen},{t.Network},{t.FileName}\n");
        }
        File.WriteAllText(Path.Combine(folder, "sites.csv"), sites.ToString());
        return summaries.Values.OrderBy(s => s.Igbp, StringComparer.Ordinal).ToList();
    }

    private static void WriteOne(string path, Tower t, int k, TowerRecorder rec, ulong seed, Summary summary)
    {
        var rng = new SplitMix64(seed, SplitMix64.Key("tower-data:" + t.SiteId));
        var qcMean = 0.35 + 0.55 * rng.NextDouble();
        // Real daily QC is bimodal: whole days without a gap (QC = 1) and days with part of the half-hours
        // gap-filled. The real US-Wi7 2005 file has QC = 1 on 120 of 365 days (33 %), almost all in the
        // growing season; sites here get 15-55 % complete days, fewer in frost.
        var completeShare = 0.15 + 0.4 * rng.NextDouble();
        var noiseScale = 0.7 + 0.6 * rng.NextDouble();
        var recoBias = 1 + 0.08 * rng.NextGaussian();
        var days = t.RecordEnd.DayNumber - t.RecordStart.DayNumber + 1;
        var gap = new bool[days];
        var runs = (int)Math.Round(days / 365.0 * (1 + 4 * rng.NextDouble()));
        for (var i = 0; i < runs; i++)
        {
            var start = (int)(rng.NextDouble() * days);
            var length = 1 + (int)(Math.Pow(rng.NextDouble(), 2) * 60);
            for (var d = start; d < Math.Min(days, start + length); d++)
                gap[d] = true;
        }
        var sb = new StringBuilder(Header).Append('\n');
        var offset = t.RecordStart.DayNumber - rec.First.DayNumber;
        for (var d = 0; d < days; d++)
        {
            var i = offset + d;
            var date = t.RecordStart.AddDays(d);
            var ta = rec.TaC[k][i] + 0.4 * rng.NextGaussian();
            var sw = Math.Max(0, rec.SwWm2[k][i] * (1 + 0.04 * rng.NextGaussian()));
            var vpd = Math.Max(0, rec.VpdHpa[k][i] * (1 + 0.1 * rng.NextGaussian()));
            var p = rec.PrecipMm[k][i] * Math.Exp(0.3 * rng.NextGaussian());
            var metQc = rng.NextDouble() < 0.85 ? 1.0 : Math.Round(rng.NextDouble(), 3);
            sb.Append(CultureInfo.InvariantCulture, $"{date:yyyyMMdd},{ta:0.###},{metQc:0.###},{sw:0.###},{metQc:0.###},{vpd:0.###},{metQc:0.###},{p:0.###},{metQc:0.###},");

            var gpp = rec.Gpp[k][i];
            var reco = rec.Reco[k][i];
            var missing = gap[d] || rng.NextDouble() < 0.015;
            // Draw every number even on gap days, so a gap never shifts the noise of the following days.
            var neeNoise = (0.35 + 0.12 * Math.Abs(reco - gpp)) * noiseScale * rng.NextGaussian();
            var recoNoise = (0.2 + 0.08 * reco) * rng.NextGaussian();
            var refNoise = (0.05 + 0.03 * Math.Abs(reco - gpp)) * rng.NextGaussian();
            var refReco = 1 + 0.02 * rng.NextGaussian();
            var complete = rng.NextDouble() < completeShare * (ta < 0 ? 0.3 : 1);
            var partial = Math.Clamp(qcMean + 0.22 * rng.NextGaussian() - (ta < 0 ? 0.2 : 0), 0, 0.98);
            var qc = complete ? 1 : partial;
            var qcRef = Math.Clamp(qc + 0.05 * rng.NextGaussian(), 0, 1);
            if (missing)
            {
                sb.Append("-9999,-9999,-9999,-9999,-9999,-9999,-9999,-9999\n");
                continue;
            }
            var nee50 = reco - gpp + neeNoise;
            var reco50 = Math.Max(0, reco * recoBias + recoNoise);
            var gpp50 = reco50 - nee50;
            var neeRef = nee50 + refNoise;
            var recoRef = reco50 * refReco;
            var gppRef = recoRef - neeRef;
            string Qc(double q) => t.QcAsGrade ? ((int)Math.Round(3 * (1 - q))).ToString(CultureInfo.InvariantCulture) : q.ToString("0.###", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture,
                $"{neeRef:0.#####},{Qc(qcRef)},{nee50:0.#####},{Qc(qc)},{recoRef:0.#####},{reco50:0.#####},{gppRef:0.#####},{gpp50:0.#####}\n");
            summary.Gpp.Add((float)gpp50);
            summary.Reco.Add((float)reco50);
            summary.Nee.Add((float)nee50);
        }
        File.WriteAllText(path, sb.ToString());
    }
}
