namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Per-day loss factors that give every calendar month of a training site the same total QC weight
/// (<see cref="TrainingOptions.SeasonBalance"/>). Tower records are not uniform in season: gaps and the low QC of
/// frost days leave winter (when ecosystems are a carbon source) under-represented. On the demo world the towers'
/// QC-weighted targets have NEE/GPP = -0.071, their seasonally balanced records -0.046; a model fitted to the former
/// learns too strong a sink (issue 19, bench/RESULTS.md "Global budget"). With these factors the weighted targets
/// give -0.049. The factors multiply the QC and class weights; a site's months without an observed day get none.
/// </summary>
public static class SeasonWeights
{
    /// <summary>A factor per dataset day, [site * Days + day]: mean monthly QC weight / the QC weight of the day's calendar month (1 outside <paramref name="sites"/>).</summary>
    public static float[] PerDay(SiteSeriesSet data, IReadOnlyList<int> sites)
    {
        var factors = new float[data.Sites * data.Days];
        Array.Fill(factors, 1f);
        var month = Enumerable.Range(0, data.Days).Select(d => data.FirstDay.AddDays(d).Month - 1).ToArray();
        foreach (var s in sites)
        {
            var weight = new double[12];
            for (var d = 0; d < data.Days; d++)
            {
                var i = s * data.Days + d;
                if (float.IsFinite(data.Qc[i]) && float.IsFinite(data.Nee[i]))
                    weight[month[d]] += data.Qc[i];
            }
            var present = weight.Where(w => w > 0).ToArray();
            var mean = present.Length > 0 ? present.Average() : 0;
            for (var d = 0; d < data.Days; d++)
                factors[s * data.Days + d] = weight[month[d]] > 0 ? (float)(mean / weight[month[d]]) : 0f;
        }
        return factors;
    }
}
