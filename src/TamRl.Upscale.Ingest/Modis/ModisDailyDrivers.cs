using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.Ingest.Regridding;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// MODIS composites turned into daily maps of the cube's MODIS features on the target grid (<see cref="Features"/>:
/// by default every feature the sets provide). Two kinds of input set:
/// <list type="bullet">
/// <item>a catalogue product (<see cref="ModisInputConfig.Product"/>): HDF4-EOS tiles, CMG files or AppEEARS
/// NetCDF as distributed, each composite's tiles QA-masked by the product's documented bits and mosaicked
/// onto the target grid with GDAL's warper (<see cref="ModisProductSet"/>, <see cref="ModisMosaic"/>);</item>
/// <item>the sample world's CMG-like NetCDF (ndvi, evi, lst_day int16 with scale and fill, a QA bit field),
/// CF-decoded, QA-masked with <see cref="ModisInputConfig.QaRejectMask"/> and regridded once.</item>
/// </list>
/// Days are then interpolated per cell (<see cref="DailyInterpolation"/>) from the composites within
/// <see cref="WindowDays"/> days of the month that provide the feature, so a month depends only on those
/// composites' files.
/// </summary>
public sealed class ModisDailyDrivers
{
    /// <summary>How far around a month composites are used (two composite lengths plus slack for cloudy runs).</summary>
    public const int WindowDays = 48;

    /// <summary>The features the sample world's CMG-like NetCDF layout provides.</summary>
    public static readonly IReadOnlyList<string> SampleWorldFeatures = ["ndvi", "evi", "lst"];

    /// <summary>The MODIS features these daily drivers produce, in the order asked for.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// The daily features input sets can provide, in catalogue order, without opening a file: the non-categorical
    /// layers of each set's product (land cover is static, not a daily driver), or the sample world layout's.
    /// An unknown product is refused naming the field.
    /// </summary>
    public static IReadOnlyList<string> Provided(IReadOnlyList<ModisInputConfig> sets, string configPath = "configuration")
    {
        var provided = new HashSet<string>();
        for (var s = 0; s < sets.Count; s++)
        {
            if (sets[s].Product is null)
                provided.UnionWith(SampleWorldFeatures);
            else
                provided.UnionWith(ModisProductSet.Resolve(sets[s], configPath, $"ingest.modis[{s}]").Layers.Where(l => !l.Categorical).Select(l => l.Feature));
        }
        return Core.Variables.DriverFeatures.CubeCatalogue.Select(f => f.Name).Where(provided.Contains).ToArray();
    }

    private sealed record Entry(string Path, IReadOnlyList<string> Files, ModisInputConfig Config, ModisProduct? Product, DateOnly Start, int Days, int Index,
        IReadOnlyList<string> Provided)
    {
        public int Length => Product?.CompositeDays ?? Config.CompositeDays;

        public bool Provides(string feature) => Provided.Contains(feature);
    }

    private readonly List<Entry> _composites = new();
    private readonly Dictionary<(string, int), ModisComposite> _loaded = new();
    private readonly RegularLatLonGrid _target;

    /// <param name="configPath">The configuration file, named when a set's product is unknown.</param>
    /// <param name="features">The MODIS features to produce; default every one the sets provide (<see cref="Provided"/>).</param>
    public ModisDailyDrivers(IReadOnlyList<(ModisInputConfig Config, IReadOnlyList<string> Paths)> sets, RegularLatLonGrid target, string configPath = "configuration",
        IReadOnlyList<string>? features = null)
    {
        _target = target;
        Features = (features ?? Provided(sets.Select(x => x.Config).ToArray(), configPath)).ToArray();
        for (var s = 0; s < sets.Count; s++)
        {
            var (config, paths) = sets[s];
            if (config.Product is not null && !ModisProductSet.Resolve(config, configPath, $"ingest.modis[{s}]").Layers.Any(l => !l.Categorical && Features.Contains(l.Feature)))
                continue; // a set none of whose features the cube holds (land cover for the static fields) is not a daily driver
            if (config.Product is not null)
            {
                var product = ModisProductSet.Resolve(config, configPath, $"ingest.modis[{s}]");
                foreach (var c in ModisProductSet.Scan(config, paths, configPath, $"ingest.modis[{s}]"))
                    _composites.Add(new Entry(c.Files[0], c.Files, config, product, c.Start, c.Days, c.Index, c.Features));
                continue;
            }
            foreach (var path in paths)
                AddSampleWorldFile(config, path);
        }
        _composites.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var feature in Features)
        {
            var providing = _composites.Where(c => c.Provides(feature)).ToArray();
            if (providing.Length == 0)
                throw new InvalidInputException(configPath, "ingest.modis",
                    $"no MODIS input set provides {feature} (products: {string.Join(", ", sets.Select(x => x.Config.Product ?? "sample-world NetCDF").Distinct())}); the driver cube's features are {string.Join(", ", Features)}");
            for (var i = 1; i < providing.Length; i++)
                if (providing[i].Start == providing[i - 1].Start)
                    throw new InvalidInputException(providing[i].Path, "time",
                        $"the {feature} composite of {providing[i].Start:yyyy-MM-dd} appears twice: also in {providing[i - 1].Path}");
        }
    }

    private void AddSampleWorldFile(ModisInputConfig config, string path)
    {
        using var dataset = DatasetFormats.OpenArrays(path);
        var name = NameOf(config, "ndvi");
        var coordinates = CfCoordinateFinder.FindRequired(dataset, name);
        GridCoverage.Require(CfGridNormaliser.Normalise(dataset, coordinates).Grid, _target, path, name);
        var axis = CfTimeCoder.Decode(dataset, coordinates.Time!.CoordinateVariable);
        for (var k = 0; k < axis.Times.Count; k++)
        {
            var t = axis.Times[k];
            var start = new DateOnly(t.Year, t.Month, t.Day);
            // MODIS windows restart on 1 January: the year's last window is 5 or 6 days long.
            var days = Math.Min(config.CompositeDays, new DateOnly(start.Year + 1, 1, 1).DayNumber - start.DayNumber);
            _composites.Add(new Entry(path, [path], config, null, start, days, k, SampleWorldFeatures));
        }
    }

    /// <summary>The files whose composites a month uses.</summary>
    public IEnumerable<string> FilesFor(DateOnly first, DateOnly last) =>
        InWindow(first, last).SelectMany(c => c.Files).Distinct();

    /// <summary>
    /// Throws naming the files when, for any feature, the composites leave part of the period uncovered:
    /// nothing within a composite length of its start or end, or a gap of more than two composite lengths
    /// between consecutive composites (a missing file or month).
    /// </summary>
    public void RequireCoverage(DateOnly first, DateOnly last)
    {
        foreach (var feature in Features)
        {
            var window = InWindow(first, last).Where(c => c.Provides(feature)).ToArray();
            var files = string.Join(", ", _composites.Select(c => c.Path).Distinct().Take(3));
            if (window.Length == 0)
                throw new InvalidInputException(files, "time", $"no MODIS {feature} composite within {WindowDays} days of {first:yyyy-MM-dd}..{last:yyyy-MM-dd}");
            var length = window[0].Length;
            if (window[0].Start > first.AddDays(length))
                throw new InvalidInputException(window[0].Path, "time", $"the first {feature} composite starts {window[0].Start:yyyy-MM-dd}, after the period's start {first:yyyy-MM-dd}");
            if (window[^1].Start.AddDays(window[^1].Days) < last.AddDays(-length))
                throw new InvalidInputException(window[^1].Path, "time", $"the last {feature} composite ends {window[^1].Start.AddDays(window[^1].Days - 1):yyyy-MM-dd}, before the period's end {last:yyyy-MM-dd}");
            for (var i = 1; i < window.Length; i++)
                if (window[i].Start.DayNumber - window[i - 1].Start.DayNumber > 2 * window[i - 1].Length)
                    throw new InvalidInputException(window[i].Path, "time",
                        $"no {feature} composite between {window[i - 1].Start:yyyy-MM-dd} (in {window[i - 1].Path}) and {window[i].Start:yyyy-MM-dd}: missing composites or a missing month");
        }
    }

    /// <summary>Daily maps of one feature for the days <paramref name="first"/>..<paramref name="last"/>, NaN where no composite had a value.</summary>
    public float[][] Daily(string feature, DateOnly first, DateOnly last)
    {
        // Composites only earlier months needed are dropped: memory stays at one window of composites.
        foreach (var key in _loaded.Where(p => p.Value.Start.AddDays(p.Value.Days) < first.AddDays(-WindowDays)).Select(p => p.Key).ToArray())
            _loaded.Remove(key);
        var composites = InWindow(first, last).Where(c => c.Provides(feature)).Select(Load).ToArray();
        var centres = composites.Select(c => c.Centre).ToArray();
        var days = last.DayNumber - first.DayNumber + 1;
        var cells = _target.Rows * _target.Columns;
        var result = new float[days][];
        for (var d = 0; d < days; d++)
            result[d] = new float[cells];
        var values = new float[composites.Length];
        var series = new float[days];
        var maps = composites.Select(c => c.Feature(feature)).ToArray();
        for (var i = 0; i < cells; i++)
        {
            for (var k = 0; k < maps.Length; k++)
                values[k] = maps[k][i];
            DailyInterpolation.Interpolate(centres, values, first.DayNumber, series);
            for (var d = 0; d < days; d++)
                result[d][i] = series[d];
        }
        return result;
    }

    private IEnumerable<Entry> InWindow(DateOnly first, DateOnly last) =>
        _composites.Where(c => c.Start.AddDays(c.Days) >= first.AddDays(-WindowDays) && c.Start <= last.AddDays(WindowDays));

    private ModisComposite Load(Entry c)
    {
        if (_loaded.TryGetValue((c.Path, c.Index), out var cached))
            return cached;
        var composite = c.Product is { } product ? LoadProduct(c, product) : LoadSampleWorld(c);
        _loaded[(c.Path, c.Index)] = composite;
        return composite;
    }

    private ModisComposite LoadProduct(Entry c, ModisProduct product)
    {
        var maps = new Dictionary<string, float[]>();
        var composite = new ModisProductSet.Composite(c.Start, c.Days, c.Files, c.Index, c.Provided);
        foreach (var feature in Features)
            if (c.Provides(feature) && product.Layer(feature) is { } layer)
                maps[feature] = ModisProductSet.Mosaic(product, layer, composite, _target, c.Config.MinValidFraction).Values;
        return new ModisComposite(c.Path, c.Start, c.Days, maps);
    }

    private ModisComposite LoadSampleWorld(Entry c)
    {
        using var dataset = DatasetFormats.OpenArrays(c.Path);
        var qaName = NameOf(c.Config, "qa");
        var ndviName = NameOf(c.Config, "ndvi");
        var coordinates = CfCoordinateFinder.FindRequired(dataset, ndviName);
        coordinates.RequireLatitudeLongitudeLast();
        var mapping = CfGridNormaliser.Normalise(dataset, coordinates);
        var regridder = Regridders.Create(mapping.Grid, _target);
        var info = dataset.GetVariable(ndviName);
        var start = new long[info.Rank];
        var count = info.Shape.ToArray();
        start[0] = c.Index;
        count[0] = 1;
        var qa = dataset.Variables.Any(v => v.Name == qaName) ? dataset.ReadDoubles(qaName, start, count)
            : throw new InvalidInputException(dataset.Path, qaName, "the QA variable is missing");

        float[] Read(string feature, string[] units, double offset)
        {
            var name = NameOf(c.Config, feature);
            if (!dataset.Variables.Any(v => v.Name == name))
                throw new InvalidInputException(dataset.Path, name, $"the MODIS variable for {feature} is missing");
            var unitsText = dataset.GetVariable(name).Attributes.GetText("units") ?? "";
            if (!units.Contains(unitsText))
                throw new InvalidInputException(dataset.Path, name, $"units '{unitsText}', expected '{string.Join("' or '", units.Where(u => u.Length > 0))}'");
            var decoded = CfVariableDecoder.Read(dataset, name, start, count).Values;
            for (var i = 0; i < decoded.Length; i++)
                decoded[i] = ModisQa.IsRejected(qa[i], c.Config.QaRejectMask) ? double.NaN : decoded[i] + offset;
            var canonical = mapping.ToCanonical(decoded);
            var source = Array.ConvertAll(canonical, v => (float)v);
            var target = new float[_target.Rows * _target.Columns];
            regridder.Regrid(source, target);
            return target;
        }

        var maps = new Dictionary<string, float[]>();
        foreach (var feature in Features.Where(SampleWorldFeatures.Contains))
            maps[feature] = feature == "lst" ? Read("lst", ["K"], -273.15) : Read(feature, ["1", ""], 0);
        return new ModisComposite(c.Path, c.Start, c.Days, maps);
    }

    private static string NameOf(ModisInputConfig config, string feature) =>
        config.Variables.TryGetValue(feature, out var name) ? name : feature switch
        {
            "lst" => "lst_day",
            _ => feature,
        };
}
