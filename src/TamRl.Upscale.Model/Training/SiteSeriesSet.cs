using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Daily series of a set of locations, as the model reads them: drivers in physical units laid out
/// [site, day, feature] in <see cref="FeatureNames"/> order (a selection of <see cref="DriverFeatures.Catalogue"/>;
/// the driver cube's features unless given), fluxes and the NEE QC fraction [site, day] (NaN where missing), static
/// features per site. Built from the Sites project's training dataset or from synthetic tensors in tests.
/// <para>
/// Sites need not share their period: a site's drivers may be missing (NaN) before and after its record, as for
/// towers of different years on one daily axis. <see cref="ValidFrom"/> and <see cref="ValidTo"/> bound each
/// site's record (the first and one past the last day whose drivers are all present); training windows, support
/// sets and predictions stay inside it.
/// </para>
/// </summary>
public sealed class SiteSeriesSet
{
    public SiteSeriesSet(string[] siteIds, int days, float[] drivers, float[] gpp, float[] reco, float[] nee, float[] qc,
        int[] igbp, int[] koppen, float[] latitude, float[] longitude, IReadOnlyList<string>? featureNames = null)
    {
        var sites = siteIds.Length;
        FeatureNames = (featureNames ?? DriverFeatures.Names).ToArray();
        if (DriverFeatures.Problem(FeatureNames) is { } problem)
            throw new ArgumentException(problem, nameof(featureNames));
        var features = FeatureNames.Count;
        if (drivers.Length != (long)sites * days * features)
            throw new ArgumentException($"drivers holds {drivers.Length} values, expected {sites} x {days} x {features}");
        foreach (var (name, array) in new[] { ("gpp", gpp), ("reco", reco), ("nee", nee), ("qc", qc) })
            if (array.Length != (long)sites * days)
                throw new ArgumentException($"{name} holds {array.Length} values, expected {sites} x {days}");
        foreach (var (name, length) in new[] { ("igbp", igbp.Length), ("koppen", koppen.Length), ("latitude", latitude.Length), ("longitude", longitude.Length) })
            if (length != sites)
                throw new ArgumentException($"{name} holds {length} values, expected {sites}");
        SiteIds = siteIds;
        Days = days;
        Drivers = drivers;
        Gpp = gpp;
        Reco = reco;
        Nee = nee;
        Qc = qc;
        Igbp = igbp;
        Koppen = koppen;
        Latitude = latitude;
        Longitude = longitude;
        ValidFrom = new int[sites];
        ValidTo = new int[sites];
        for (var s = 0; s < sites; s++)
            (ValidFrom[s], ValidTo[s]) = RecordOf(drivers.AsSpan((int)((long)s * days * features), days * features), days, features);
    }

    /// <summary>First and one past the last day whose drivers are all finite; (0, 0) for a site without such a day.</summary>
    private static (int From, int To) RecordOf(ReadOnlySpan<float> drivers, int days, int features)
    {
        bool Complete(ReadOnlySpan<float> day)
        {
            foreach (var v in day)
                if (!float.IsFinite(v))
                    return false;
            return true;
        }
        var from = 0;
        while (from < days && !Complete(drivers.Slice(from * features, features)))
            from++;
        if (from == days)
            return (0, 0);
        var to = days;
        while (to > from && !Complete(drivers.Slice((to - 1) * features, features)))
            to--;
        return (from, to);
    }

    public string[] SiteIds { get; }
    /// <summary>The date of day 0 (the training dataset's first day; MinValue for series without dates).</summary>
    public DateOnly FirstDay { get; init; } = DateOnly.MinValue;
    public int Sites => SiteIds.Length;
    public int Days { get; }
    /// <summary>The driver features, in the order of <see cref="Drivers"/>' last axis.</summary>
    public IReadOnlyList<string> FeatureNames { get; }
    public int Features => FeatureNames.Count;
    /// <summary>Per site, the first day of its record (see the class comment).</summary>
    public int[] ValidFrom { get; }
    /// <summary>Per site, one past the last day of its record.</summary>
    public int[] ValidTo { get; }
    public int ValidDays(int site) => ValidTo[site] - ValidFrom[site];
    public float[] Drivers { get; }
    public float[] Gpp { get; }
    public float[] Reco { get; }
    public float[] Nee { get; }
    public float[] Qc { get; }
    public int[] Igbp { get; }
    public int[] Koppen { get; }
    public float[] Latitude { get; }
    public float[] Longitude { get; }

    /// <summary>One site's drivers [day, feature].</summary>
    public ReadOnlySpan<float> SiteDrivers(int site) => Drivers.AsSpan(site * Days * Features, Days * Features);

    public int IndexOf(string siteId)
    {
        var i = Array.IndexOf(SiteIds, siteId);
        return i >= 0 ? i : throw new ArgumentException($"site '{siteId}' is not in the dataset");
    }
}

/// <summary>Builds the model's view of the Sites project's training dataset.</summary>
public static class SiteSeriesSets
{
    /// <summary>Refuses a dataset whose features are not a valid selection of Core's DriverFeatures catalogue.</summary>
    public static SiteSeriesSet From(Sites.Dataset.TrainingDataset dataset, string source = "training dataset")
    {
        if (DriverFeatures.Problem(dataset.Features) is { } problem)
            throw new Core.Errors.InvalidInputException(source, "feature", problem);
        var sites = dataset.Sites;
        return new SiteSeriesSet(sites.Select(s => s.Id).ToArray(), dataset.DayCount, dataset.Drivers, dataset.Gpp, dataset.Reco, dataset.Nee, dataset.Qc,
            sites.Select(s => s.Igbp).ToArray(), sites.Select(s => s.Koppen).ToArray(),
            sites.Select(s => (float)s.Latitude).ToArray(), sites.Select(s => (float)s.Longitude).ToArray(), dataset.Features)
        {
            FirstDay = dataset.FirstDay,
        };
    }
}
