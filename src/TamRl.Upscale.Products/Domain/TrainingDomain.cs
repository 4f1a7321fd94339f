using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Domain;

/// <summary>One training tower as the domain sees it: its classes and its climate descriptor.</summary>
public sealed record TrainingSite(string Id, int Igbp, int Koppen, double[] Descriptor);

/// <summary>
/// The part of the world the model was trained on: the training towers' IGBP and Koppen classes and the climate
/// descriptors (<see cref="ClimateDescriptor"/>) of their drivers, as in the training dataset (docs/data-contracts.md
/// §3: the driver cube's drivers at each tower's pixel). A place's <see cref="ExtrapolationIndex"/> is its distance
/// in that descriptor space to the nearest training tower, each entry standardised by the towers' own spread of it,
/// over the distance within which 95 % of the towers find another tower (leave-one-out): 1 means "as far from any
/// tower as the 5 % most isolated towers are from their neighbours"; above 1 the model extrapolates. This is the
/// idea of FLUXCOM's extrapolation index (Jung et al. 2020) on this pipeline's drivers.
/// </summary>
public sealed class TrainingDomain
{
    /// <summary>The quantile of the towers' leave-one-out nearest-neighbour distances that scales the index.</summary>
    public const double ReferenceQuantile = 0.95;

    private readonly double[] _scale;

    public TrainingDomain(IReadOnlyList<string> features, IReadOnlyList<TrainingSite> sites)
    {
        if (sites.Count < 2)
            throw new ArgumentException($"a domain needs at least two training sites ({sites.Count} given)", nameof(sites));
        Features = features;
        Sites = sites;
        var dims = features.Count * ClimateDescriptor.PerFeature;
        _scale = new double[dims];
        for (var k = 0; k < dims; k++)
        {
            var values = sites.Select(s => s.Descriptor[k]).Where(double.IsFinite).ToArray();
            var mean = values.Length > 0 ? values.Average() : 0;
            var sd = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
            _scale[k] = sd > 0 ? 1 / sd : 0; // a constant entry tells no place from another
        }
        var nearest = sites.Select((s, i) => NearestDistance(s.Descriptor, exclude: i)).Where(double.IsFinite).OrderBy(d => d).ToArray();
        ReferenceDistance = nearest.Length == 0 ? double.NaN : Quantile(nearest, ReferenceQuantile);
        Igbp = sites.Select(s => s.Igbp).ToHashSet();
        Koppen = sites.Select(s => s.Koppen).ToHashSet();
    }

    /// <summary>The driver features the descriptors are made of, in descriptor order.</summary>
    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<TrainingSite> Sites { get; }

    /// <summary>IGBP classes with at least one training tower.</summary>
    public IReadOnlySet<int> Igbp { get; }

    /// <summary>Koppen classes with at least one training tower.</summary>
    public IReadOnlySet<int> Koppen { get; }

    /// <summary>The 95th percentile of the towers' leave-one-out nearest-neighbour distances (standardised units).</summary>
    public double ReferenceDistance { get; }

    /// <summary>Distance to the nearest training tower over <see cref="ReferenceDistance"/>; NaN for a descriptor with missing entries.</summary>
    public double ExtrapolationIndex(double[] descriptor) => NearestDistance(descriptor, exclude: -1) / ReferenceDistance;

    private double NearestDistance(double[] descriptor, int exclude)
    {
        if (descriptor.Any(v => !double.IsFinite(v)))
            return double.NaN;
        var best = double.PositiveInfinity;
        for (var i = 0; i < Sites.Count; i++)
        {
            if (i == exclude)
                continue;
            var other = Sites[i].Descriptor;
            double sum = 0;
            for (var k = 0; k < _scale.Length && sum < best; k++)
            {
                if (!double.IsFinite(other[k]))
                {
                    sum = double.PositiveInfinity;
                    break;
                }
                var z = (descriptor[k] - other[k]) * _scale[k];
                sum += z * z;
            }
            best = Math.Min(best, sum);
        }
        return Math.Sqrt(best);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    /// <summary>The positions of a training dataset's towers (training.nc's lat, lon), every one or those named.</summary>
    public static IReadOnlyList<(double Latitude, double Longitude)> TowerPositions(string path, IReadOnlyCollection<string>? trainingSites = null)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, null, "training dataset not found");
        using var file = NetCdfFile.Open(path);
        foreach (var name in new[] { "site_id", "lat", "lon" })
            if (!file.HasVariable(name))
                throw new InvalidInputException(path, name, "the training dataset has no such variable (docs/data-contracts.md §3)");
        var ids = file.ReadStrings("site_id");
        var lat = file.ReadDoubles("lat");
        var lon = file.ReadDoubles("lon");
        var wanted = trainingSites is null ? null : new HashSet<string>(trainingSites, StringComparer.Ordinal);
        return Enumerable.Range(0, ids.Length).Where(s => wanted is null || wanted.Contains(ids[s])).Select(s => (lat[s], lon[s])).ToList();
    }

    /// <summary>The model's training sites as run.json records them (the bundle's list), or null when it does not.</summary>
    public static IReadOnlyCollection<string>? TrainingSitesOf(Inference.RunDescription run) =>
        run.ModelAttributes.TryGetValue("training_sites", out var names) && names.Length > 0
            ? names.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : null;

    /// <summary>
    /// The domain of a training dataset (training.nc): every site, or those named in <paramref name="trainingSites"/>
    /// (the bundle's training sites; a named site the file lacks is refused). Descriptors over each site's whole record.
    /// </summary>
    public static TrainingDomain FromDataset(string path, IReadOnlyCollection<string>? trainingSites = null)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, null, "training dataset not found (the domain of applicability is drawn from it)");
        using var file = NetCdfFile.Open(path);
        foreach (var name in new[] { "site_id", "feature", "igbp", "koppen", "drivers" })
            if (!file.HasVariable(name))
                throw new InvalidInputException(path, name, "the training dataset has no such variable (docs/data-contracts.md §3)");
        var ids = file.ReadStrings("site_id");
        var features = file.ReadStrings("feature");
        var igbp = file.Read<int>("igbp");
        var koppen = file.Read<int>("koppen");
        var days = (int)file.Dimensions["time"];
        var wanted = trainingSites is null ? null : new HashSet<string>(trainingSites, StringComparer.Ordinal);
        if (wanted is not null && wanted.FirstOrDefault(w => !ids.Contains(w)) is { } missing)
            throw new InvalidInputException(path, "site_id", $"the model's training site {missing} is not in the dataset");
        var all = Enumerable.Range(0, features.Length).ToArray();
        var sites = new List<TrainingSite>();
        for (var s = 0; s < ids.Length; s++)
        {
            if (wanted is not null && !wanted.Contains(ids[s]))
                continue;
            var drivers = file.Read<float>("drivers", [s, 0, 0], [1, days, features.Length]);
            sites.Add(new TrainingSite(ids[s], igbp[s], koppen[s], ClimateDescriptor.Of(drivers, days, features.Length, all)));
        }
        return new TrainingDomain(features, sites);
    }
}
