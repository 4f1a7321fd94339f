using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// The training dataset of docs/data-contracts.md §3 in memory: for every site, the daily driver series at
/// its pixel and its daily fluxes and QC over one common period. Arrays are row-major and exposed as they
/// are, for fast batching: <see cref="Drivers"/> is [site, day, feature] and the flux arrays are [site, day].
/// Missing values are NaN. Construction validates every size; the arrays are not copied, so treat them as
/// read-only once the dataset is built.
/// </summary>
public sealed class TrainingDataset
{
    public const int DefaultWindowLength = 30;
    public const int DefaultWindowStride = 15;

    private readonly Dictionary<string, int> _siteIndex;

    /// <param name="sites">The towers, in dataset order; ids must be unique.</param>
    /// <param name="firstDay">Date of day 0.</param>
    /// <param name="days">Number of consecutive days.</param>
    /// <param name="features">Driver feature names in <paramref name="drivers"/>' order (normally <see cref="DriverFeatures.Names"/>).</param>
    /// <param name="drivers">[site, day, feature].</param>
    /// <param name="gpp">[site, day], GPP_NT_VUT_USTAR50, g C m-2 d-1.</param>
    /// <param name="reco">[site, day], RECO_NT_VUT_USTAR50, g C m-2 d-1.</param>
    /// <param name="nee">[site, day], NEE_VUT_USTAR50, g C m-2 d-1.</param>
    /// <param name="qc">[site, day], NEE_VUT_USTAR50_QC, fraction 0..1 of measured (not gap-filled) data.</param>
    /// <param name="windowLength">Window length in days the dataset was cut for (default 30).</param>
    /// <param name="windowStride">Stride between window starts in days (default 15).</param>
    public TrainingDataset(
        IReadOnlyList<SiteInfo> sites, DateOnly firstDay, int days, IReadOnlyList<string> features,
        float[] drivers, float[] gpp, float[] reco, float[] nee, float[] qc,
        int windowLength = DefaultWindowLength, int windowStride = DefaultWindowStride)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowStride, 1);
        _siteIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sites.Count; i++)
            if (!_siteIndex.TryAdd(sites[i].Id, i))
                throw new ArgumentException($"site '{sites[i].Id}' appears twice", nameof(sites));
        if (features.Distinct().Count() != features.Count)
            throw new ArgumentException("feature names must be unique", nameof(features));
        var series = (long)sites.Count * days;
        Require(drivers, series * features.Count, nameof(drivers));
        Require(gpp, series, nameof(gpp));
        Require(reco, series, nameof(reco));
        Require(nee, series, nameof(nee));
        Require(qc, series, nameof(qc));
        Sites = sites.ToArray();
        FirstDay = firstDay;
        DayCount = days;
        Features = features.ToArray();
        Drivers = drivers;
        Gpp = gpp;
        Reco = reco;
        Nee = nee;
        Qc = qc;
        WindowLength = windowLength;
        WindowStride = windowStride;
    }

    public IReadOnlyList<SiteInfo> Sites { get; }

    public int SiteCount => Sites.Count;

    /// <summary>Date of day 0; day d is <c>FirstDay.AddDays(d)</c>.</summary>
    public DateOnly FirstDay { get; }

    public int DayCount { get; }

    public IReadOnlyList<DateOnly> Dates => Enumerable.Range(0, DayCount).Select(FirstDay.AddDays).ToArray();

    public IReadOnlyList<string> Features { get; }

    public int FeatureCount => Features.Count;

    /// <summary>[site, day, feature].</summary>
    public float[] Drivers { get; }

    /// <summary>[site, day], g C m-2 d-1, NaN where missing.</summary>
    public float[] Gpp { get; }

    /// <summary>[site, day], g C m-2 d-1, NaN where missing.</summary>
    public float[] Reco { get; }

    /// <summary>[site, day], g C m-2 d-1, NaN where missing.</summary>
    public float[] Nee { get; }

    /// <summary>[site, day], QC fraction 0..1, NaN where missing.</summary>
    public float[] Qc { get; }

    public int WindowLength { get; }

    public int WindowStride { get; }

    /// <summary>Index of a site by id; an unknown id throws naming it.</summary>
    public int IndexOfSite(string id) =>
        _siteIndex.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"site '{id}' is not in the dataset");

    /// <summary>The drivers of one site, [day, feature].</summary>
    public ReadOnlySpan<float> SiteDrivers(int site) =>
        Drivers.AsSpan(checked(site * DayCount * FeatureCount), DayCount * FeatureCount);

    /// <summary>One site's series of a [site, day] array (<see cref="Gpp"/>, <see cref="Qc"/>...).</summary>
    public ReadOnlySpan<float> SiteSeries(float[] siteByDay, int site) => siteByDay.AsSpan(checked(site * DayCount), DayCount);

    /// <summary>The day index of a date; a date outside the period throws.</summary>
    public int DayOf(DateOnly date)
    {
        var d = date.DayNumber - FirstDay.DayNumber;
        if (d < 0 || d >= DayCount)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"outside the dataset's period {FirstDay:yyyy-MM-dd}..{FirstDay.AddDays(DayCount - 1):yyyy-MM-dd}");
        return d;
    }

    /// <summary>
    /// The windows of the given sites (all sites when null), in site order then start order: starts 0,
    /// stride, 2 stride... while the window fits in the period (a tail shorter than a window is left
    /// out). With <paramref name="skipEmpty"/> (the default), windows without a single day of positive
    /// training weight are left out.
    /// </summary>
    public IEnumerable<TrainingWindow> Windows(IEnumerable<string>? siteIds = null, int? length = null, int? stride = null, bool skipEmpty = true)
    {
        var l = length ?? WindowLength;
        var s = stride ?? WindowStride;
        ArgumentOutOfRangeException.ThrowIfLessThan(l, 1, nameof(length));
        ArgumentOutOfRangeException.ThrowIfLessThan(s, 1, nameof(stride));
        var indices = siteIds is null ? Enumerable.Range(0, SiteCount) : siteIds.Select(IndexOfSite).ToArray();
        return Enumerate(indices, l, s, skipEmpty);
    }

    private IEnumerable<TrainingWindow> Enumerate(IEnumerable<int> sites, int length, int stride, bool skipEmpty)
    {
        foreach (var site in sites)
            for (var start = 0; start + length <= DayCount; start += stride)
            {
                var window = Window(site, start, length);
                if (!skipEmpty || window.Weight.Any(w => w > 0))
                    yield return window;
            }
    }

    /// <summary>One window: <paramref name="length"/> days of a site from day <paramref name="start"/>.</summary>
    public TrainingWindow Window(int site, int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(site);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(site, SiteCount);
        if (start < 0 || length < 1 || start + length > DayCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"window {start}+{length} leaves the period of {DayCount} days");
        var drivers = SiteDrivers(site).Slice(start * FeatureCount, length * FeatureCount).ToArray();
        var gpp = SiteSeries(Gpp, site).Slice(start, length).ToArray();
        var reco = SiteSeries(Reco, site).Slice(start, length).ToArray();
        var nee = SiteSeries(Nee, site).Slice(start, length).ToArray();
        var qc = SiteSeries(Qc, site).Slice(start, length);
        var weight = new float[length];
        var test = new bool[length];
        for (var d = 0; d < length; d++)
        {
            var complete = float.IsFinite(gpp[d]) && float.IsFinite(reco[d]) && float.IsFinite(nee[d]) && float.IsFinite(qc[d]);
            weight[d] = complete ? Math.Clamp(qc[d], 0f, 1f) : 0f;
            test[d] = complete && qc[d] == 1f;
        }
        return new TrainingWindow(site, Sites[site].Id, start, length, drivers, gpp, reco, nee, weight, test)
        {
            Static = StaticFeatures.Encode(Sites[site]),
        };
    }

    /// <summary>A dataset of only the given sites (in the given order), sharing nothing with this one.</summary>
    public TrainingDataset SelectSites(IEnumerable<string> siteIds)
    {
        var indices = siteIds.Select(IndexOfSite).ToArray();
        float[] Gather(float[] source, int perSite)
        {
            var result = new float[indices.Length * perSite];
            for (var i = 0; i < indices.Length; i++)
                source.AsSpan(indices[i] * perSite, perSite).CopyTo(result.AsSpan(i * perSite));
            return result;
        }
        return new TrainingDataset(indices.Select(i => Sites[i]).ToArray(), FirstDay, DayCount, Features,
            Gather(Drivers, DayCount * FeatureCount), Gather(Gpp, DayCount), Gather(Reco, DayCount), Gather(Nee, DayCount),
            Gather(Qc, DayCount), WindowLength, WindowStride);
    }

    private static void Require(float[] array, long expected, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.LongLength != expected)
            throw new ArgumentException($"{name} holds {array.LongLength} values, expected {expected}", name);
    }
}
