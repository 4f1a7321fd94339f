using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Daily series of a set of locations, as the model reads them: drivers in physical units laid out
/// [site, day, feature] in <see cref="DriverFeatures"/> order, fluxes and the NEE QC fraction [site, day]
/// (NaN where missing), static features per site. Built from the Sites project's training dataset or
/// from synthetic tensors in tests.
/// </summary>
public sealed class SiteSeriesSet
{
    public SiteSeriesSet(string[] siteIds, int days, float[] drivers, float[] gpp, float[] reco, float[] nee, float[] qc,
        int[] igbp, int[] koppen, float[] latitude, float[] longitude)
    {
        var sites = siteIds.Length;
        var features = DriverFeatures.All.Count;
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
    }

    public string[] SiteIds { get; }
    /// <summary>The date of day 0 (the training dataset's first day; MinValue for series without dates).</summary>
    public DateOnly FirstDay { get; init; } = DateOnly.MinValue;
    public int Sites => SiteIds.Length;
    public int Days { get; }
    public static int Features => DriverFeatures.All.Count;
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
    /// <summary>Refuses a dataset whose features differ from Core's DriverFeatures (names and order).</summary>
    public static SiteSeriesSet From(Sites.Dataset.TrainingDataset dataset, string source = "training dataset")
    {
        if (!dataset.Features.SequenceEqual(DriverFeatures.Names))
            throw new Core.Errors.InvalidInputException(source, "feature",
                $"expected the driver features [{string.Join(", ", DriverFeatures.Names)}], got [{string.Join(", ", dataset.Features)}]");
        var sites = dataset.Sites;
        return new SiteSeriesSet(sites.Select(s => s.Id).ToArray(), dataset.DayCount, dataset.Drivers, dataset.Gpp, dataset.Reco, dataset.Nee, dataset.Qc,
            sites.Select(s => s.Igbp).ToArray(), sites.Select(s => s.Koppen).ToArray(),
            sites.Select(s => (float)s.Latitude).ToArray(), sites.Select(s => (float)s.Longitude).ToArray())
        {
            FirstDay = dataset.FirstDay,
        };
    }
}
