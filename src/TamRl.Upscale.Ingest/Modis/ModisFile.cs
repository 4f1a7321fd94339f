using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// A MODIS file opened for one catalogue product: its layout detected from the file (HDF4-EOS or AppEEARS
/// NetCDF), its composites' dates (from the name's AYYYYDDD, checked against RANGEBEGINNINGDATE; or from
/// an AppEEARS time axis), and layers read decoded and QA-masked (<see cref="Read"/>). Any mismatch with
/// the catalogue is refused naming the file and the dataset.
/// </summary>
public sealed class ModisFile
{

    private readonly IReadOnlyDictionary<string, string> _subdatasets; // normalised SDS name -> GDAL name
    private readonly IReadOnlyDictionary<string, string> _variableMetadata; // an AppEEARS variable's dataset: time axis, grid mapping

    private ModisFile(string path, ModisProduct product, ModisFileFormat format, ModisFileName? name,
        IReadOnlyDictionary<string, string> subdatasets, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> variableMetadata)
    {
        Path = path;
        Product = product;
        Format = format;
        Name = name;
        _subdatasets = subdatasets;
        Metadata = metadata;
        _variableMetadata = variableMetadata;
    }

    public string Path { get; }

    public ModisProduct Product { get; }

    public ModisFileFormat Format { get; }

    /// <summary>What the name says, or null for a name in neither convention.</summary>
    public ModisFileName? Name { get; }

    /// <summary>The features of the product this file provides: all of them for HDF4-EOS, the layers present for AppEEARS.</summary>
    public IReadOnlyList<string> Features { get; private set; } = [];

    /// <summary>True when one of <paramref name="names"/> is a dataset of the file.</summary>
    public bool HasSds(IReadOnlyList<string> names) => names.Any(n => _subdatasets.ContainsKey(Normalise(n)));

    /// <summary>The container's metadata (HDF4 ECS items such as SHORTNAME, VERSIONID, RANGEBEGINNINGDATE).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and checks it against <paramref name="product"/>: the layout (HDF4-EOS
    /// subdatasets or an AppEEARS NetCDF with a grid mapping), the product short name and collection the
    /// name and the metadata state, and every SDS the product's layers and QA rules need.
    /// </summary>
    public static ModisFile Open(string path, ModisProduct product)
    {
        GdalRaster container;
        try
        {
            container = GdalRaster.Open(path);
        }
        catch (GdalException e)
        {
            throw new InvalidInputException(path, null, $"not a raster GDAL reads ({e.GdalMessage}); expected a MODIS HDF4-EOS file or an AppEEARS NetCDF", e);
        }
        using (container)
        {
            var (format, variableMetadata) = DetectFormat(container);
            var subdatasets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var sub in container.Subdatasets)
            {
                var last = sub.Name.LastIndexOf(':');
                subdatasets.TryAdd(Normalise(sub.Name[(last + 1)..]), sub.Name);
            }
            var file = new ModisFile(path, product, format, ModisFileName.TryParse(path), subdatasets, container.Metadata, variableMetadata);
            file.CheckIdentity();
            // An LP DAAC file carries every SDS of its product: one missing is refused. An AppEEARS request
            // carries the layers the user ticked (the real MOD13A2 sample has EVI and VI Quality, no NDVI):
            // it provides the layers present, each with its QA, and at least one.
            var features = new List<string>();
            foreach (var layer in product.Layers)
            {
                if (format == ModisFileFormat.AppEearsNetCdf && !file.HasSds(layer.Sds))
                    continue;
                file.FindSds(layer.Sds, layer.Feature);
                if (layer.Qa is { } qa)
                    file.FindSds(qa.Sds, $"the QA of {layer.Feature}");
                features.Add(layer.Feature);
            }
            if (features.Count == 0)
                file.FindSds(product.Layers[0].Sds, product.Layers[0].Feature); // throws, naming the first dataset looked for
            file.Features = features;
            return file;
        }
    }

    /// <summary>
    /// The first day of each composite in the file: one for HDF4-EOS (from the name's AYYYYDDD, checked
    /// against RANGEBEGINNINGDATE, which for MCD43 is 8 days before the dated centre), one per time step
    /// of an AppEEARS file.
    /// </summary>
    public IReadOnlyList<DateOnly> CompositeStarts()
    {
        if (Format == ModisFileFormat.Hdf4Eos)
        {
            var date = Name?.Start ?? throw new InvalidInputException(Path, null,
                $"the name has no AYYYYDDD date (expected {Product.Name}.AYYYYDDD.hHHvVV.CCC....hdf, as LP DAAC names files)");
            var expectedBegin = Product.DateIsCentre ? date.AddDays(-8) : date;
            if (Metadata.TryGetValue("RANGEBEGINNINGDATE", out var text) &&
                DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var begin) && begin != expectedBegin)
                throw new InvalidInputException(Path, "RANGEBEGINNINGDATE",
                    $"the file's metadata says its window begins {begin:yyyy-MM-dd}, the name's A{date.Year}{date.DayOfYear:000} says {expectedBegin:yyyy-MM-dd}");
            return [date];
        }
        return AppEearsTimes();
    }

    /// <summary>
    /// One layer of composite <paramref name="timeIndex"/> decoded and QA-masked: NaN where the pixel is
    /// the SDS's fill, outside its valid range, or rejected by the layer's QA rule (or the QA's own fill).
    /// Scale and offset come from the SDS's attributes; a product whose HDF4 files state the scale as a
    /// divisor (MOD13: 10000) has a factor above 1 inverted.
    /// </summary>
    /// <param name="reuse">A buffer from an earlier image to fill instead of allocating (a tile's values are
    /// 23 MB; reusing them keeps a long run of tiles from piling up garbage on the large-object heap).</param>
    /// <param name="reuseCodes">Likewise for the earlier image's <see cref="ModisLayerImage.Codes"/>.</param>
    /// <param name="decodeValues">False: where the image gets <see cref="ModisLayerImage.Codes"/>, leave
    /// <see cref="ModisLayerImage.Values"/> empty (the mosaic needs only the codes; 23 MB less per tile to write).</param>
    public ModisLayerImage Read(ModisLayer layer, int timeIndex, float[]? reuse = null, Array? reuseCodes = null, bool decodeValues = true)
    {
        var band = timeIndex + 1;
        var sdsName = FindSds(layer.Sds, layer.Feature);
        using var sds = GdalRaster.Open(sdsName);
        if (sds.GeoTransform is not { } transform || string.IsNullOrEmpty(sds.ProjectionWkt))
            throw new InvalidInputException(Path, sdsName, "the dataset has no georeferencing (geotransform and projection)");
        if (band > sds.BandCount)
            throw new InvalidInputException(Path, sdsName, $"time step {timeIndex} asked, the dataset has {sds.BandCount}");
        var info = sds.Bands[band - 1];
        var bandMetadata = sds.GetBandMetadata(band);
        var fill = info.NoData;
        var (validMin, validMax) = ValidRange(sds.Metadata, bandMetadata);
        var scale = info.Scale ?? 1.0;
        if (Product.ScaleIsDivisor && scale > 1)
            scale = 1 / scale;
        var offset = (info.Offset ?? 0.0) + layer.UnitOffset;

        GdalRaster? qa = null;
        ModisQaLookup? accepts = null;
        try
        {
            if (layer.Qa is { } rule)
            {
                var qaName = FindSds(rule.Sds, $"the QA of {layer.Feature}");
                qa = GdalRaster.Open(qaName);
                if (qa.Width != sds.Width || qa.Height != sds.Height)
                    throw new InvalidInputException(Path, qaName, $"the QA is {qa.Width} x {qa.Height}, the data {sds.Width} x {sds.Height}");
                var qaInfo = qa.Bands[Math.Min(band, qa.BandCount) - 1];
                accepts = ModisQaLookup.For(rule, qaInfo.DataType, qaInfo.NoData);
            }
            var pixels = (long)sds.Width * sds.Height;
            // 8- and 16-bit SDS with a fill (every MODIS layer) are read in their own type, straight into the
            // codes the mosaic warps; others as float or double, without codes.
            Array? codes = info.DataType switch
            {
                GdalDataType.Byte => Codes<byte>(fill, pixels, reuseCodes),
                GdalDataType.Int16 => Codes<short>(fill, pixels, reuseCodes),
                GdalDataType.UInt16 => Codes<ushort>(fill, pixels, reuseCodes),
                _ => null,
            };
            var values = !decodeValues && codes is not null ? []
                : reuse is not null && reuse.LongLength == pixels ? reuse : new float[pixels];
            var decoding = new Decoding(fill, validMin, validMax, scale, offset, layer.Categorical);
            var (produced, kept) = codes switch
            {
                byte[] b => Decode(sds, qa, band, accepts, decoding, values, b),
                short[] h => Decode(sds, qa, band, accepts, decoding, values, h),
                ushort[] u => Decode(sds, qa, band, accepts, decoding, values, u),
                _ when info.DataType is GdalDataType.Byte or GdalDataType.Int16 or GdalDataType.UInt16 or GdalDataType.Float32 =>
                    Decode<float>(sds, qa, band, accepts, decoding, values, null),
                _ => Decode<double>(sds, qa, band, accepts, decoding, values, null),
            };
            return new ModisLayerImage(Path, sdsName, sds.Width, sds.Height, transform, sds.ProjectionWkt, values, produced, kept,
                codes is null ? null : new ModisCodes(codes, fill!.Value, layer.Categorical ? 1 : scale, layer.Categorical ? 0 : offset));
        }
        finally
        {
            qa?.Dispose();
        }
    }

    private readonly record struct Decoding(double? Fill, double ValidMin, double ValidMax, double Scale, double Offset, bool Categorical);

    // A codes buffer of the SDS's type, when its fill value is a code of that type (it then marks every pixel left out).
    private static T[]? Codes<T>(double? fill, long pixels, Array? reuse) where T : unmanaged, INumberBase<T>
    {
        if (fill is not { } f || double.CreateTruncating(T.CreateSaturating(f)) != f)
            return null;
        return reuse is T[] r && r.LongLength == pixels ? r : new T[pixels];
    }

    // Rows are read a block of rows at a time (each compressed block decompressed once), so the raw values
    // of a tile never sit in memory whole (unless kept as codes); the strips come from ArrayPool (megabytes
    // each: one per tile would pile up on the large-object heap). QA words are read in their own type and
    // judged through a lookup table (ModisQaLookup) rather than bit fields per pixel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per tile: straight to optimised code
    private static (long Produced, long Kept) Decode<T>(GdalRaster sds, GdalRaster? qa, int band, ModisQaLookup? accepts, Decoding d, float[] values, T[]? codes)
        where T : unmanaged, INumberBase<T>
    {
        long produced = 0, kept = 0;
        var stripRows = Math.Clamp(sds.GetBlockSize(band).Height, 1, sds.Height);
        var stripLength = sds.Width * stripRows;
        var strip = codes is null ? ArrayPool<T>.Shared.Rent(stripLength) : null;
        var accepted = qa is null ? null : ArrayPool<bool>.Shared.Rent(stripLength);
        var fill = d.Fill ?? double.NaN; // NaN: no fill (equal to nothing)
        var fillCode = codes is null ? default : T.CreateSaturating(fill);
        try
        {
            for (var y = 0; y < sds.Height; y += stripRows)
            {
                var rows = Math.Min(stripRows, sds.Height - y);
                var n = rows * sds.Width;
                var start = (int)((long)y * sds.Width);
                var raw = codes is null ? strip.AsSpan(0, n) : codes.AsSpan(start, n);
                sds.ReadBandWindow(band, 0, y, sds.Width, rows, raw);
                if (qa is not null)
                    accepts!.Judge(qa, band, y, rows, accepted.AsSpan(0, n));
                var target = values.Length == 0 ? [] : values.AsSpan(start, n); // empty: codes only
                for (var i = 0; i < n; i++)
                {
                    var r = double.CreateTruncating(raw[i]);
                    if (double.IsNaN(r) || r == fill || r < d.ValidMin || r > d.ValidMax)
                    {
                        if (target.Length != 0)
                            target[i] = float.NaN;
                        raw[i] = fillCode; // a code outside the valid range becomes the fill: left out of the warp
                        continue;
                    }
                    produced++;
                    if (accepted is not null && !accepted[i])
                    {
                        if (target.Length != 0)
                            target[i] = float.NaN;
                        raw[i] = fillCode;
                        continue;
                    }
                    kept++;
                    if (target.Length != 0)
                        target[i] = d.Categorical ? (float)r : (float)(r * d.Scale + d.Offset);
                }
            }
            return (produced, kept);
        }
        finally
        {
            if (strip is not null)
                ArrayPool<T>.Shared.Return(strip);
            if (accepted is not null)
                ArrayPool<bool>.Shared.Return(accepted);
        }
    }

    /// <summary>The GDAL name of the first SDS of <paramref name="names"/> present; refused naming the file and the dataset otherwise.</summary>
    public string FindSds(IReadOnlyList<string> names, string purpose)
    {
        foreach (var name in names)
            if (_subdatasets.TryGetValue(Normalise(name), out var gdalName))
                return gdalName;
        throw new InvalidInputException(Path, names[0],
            $"the {Product.Name} dataset for {purpose} is missing (looked for '{string.Join("', '", names)}'; the file has '{string.Join("', '", _subdatasets.Keys.Take(12))}')");
    }

    // "1 km 16 days NDVI" (HDF4) and "_1_km_16_days_NDVI" (AppEEARS) are the same SDS.
    internal static string Normalise(string sds) =>
        new string(sds.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()).Trim('_').Replace("__", "_", StringComparison.Ordinal);

    private static (ModisFileFormat, IReadOnlyDictionary<string, string>) DetectFormat(GdalRaster container)
    {
        if (container.DriverName == "HDF4" && container.Subdatasets.Any(s => s.Name.StartsWith("HDF4_EOS:EOS_GRID:", StringComparison.Ordinal)))
            return (ModisFileFormat.Hdf4Eos, container.Metadata);
        if (container.DriverName == "netCDF" && container.Subdatasets.Count > 0)
        {
            // The container lists the variables; the grid mapping shows on a variable's own dataset.
            using var first = GdalRaster.Open(container.Subdatasets[0].Name);
            if (first.Metadata.Keys.Any(k => k.EndsWith("#grid_mapping_name", StringComparison.Ordinal)) && first.ProjectionWkt.Length > 0)
                return (ModisFileFormat.AppEearsNetCdf, first.Metadata);
        }
        throw new InvalidInputException(container.Path, null,
            $"GDAL reads it as {container.DriverName} without HDF4-EOS grids or a CF grid mapping; expected a MODIS HDF4-EOS file (LP DAAC) or an AppEEARS NetCDF");
    }

    // The product and collection the name states must agree with the file's own metadata where it has them.
    private void CheckIdentity()
    {
        if (Name is { } name && name.Product != Product.Name)
            throw new InvalidInputException(Path, "product", $"the name says {name.Product}, the configuration {Product.Name}");
        if (Metadata.TryGetValue("SHORTNAME", out var shortName) && shortName.Trim() != Product.Name)
            throw new InvalidInputException(Path, "SHORTNAME", $"the file is {shortName.Trim()}, the configuration says {Product.Name}");
        if (Name is { } n && Metadata.TryGetValue("VERSIONID", out var version) && int.TryParse(version.Trim(), out var v) &&
            int.TryParse(n.Collection, out var c) && v != c)
            throw new InvalidInputException(Path, "VERSIONID", $"the file's metadata says collection {v}, its name {n.Collection}");
        if (Format == ModisFileFormat.AppEearsNetCdf && (Metadata.GetValueOrDefault("NC_GLOBAL#title") ?? _variableMetadata.GetValueOrDefault("NC_GLOBAL#title")) is { } title &&
            !title.StartsWith(Product.Name + ".", StringComparison.Ordinal))
            throw new InvalidInputException(Path, "title", $"the AppEEARS title is '{title}', the configuration says {Product.Name}");
    }

    // AppEEARS writes "days since 2000-01-01" with calendar "julian" although its dates are Gregorian
    // (MOD13A2's 48 is 2000-02-18, day 49, a 16-day start; read as Julian it would be 13 days later). The
    // days are therefore read in the Gregorian calendar, and every start is checked to fall on the
    // product's compositing grid (day of year 1 + 8k), which catches a calendar read wrongly.
    private IReadOnlyList<DateOnly> AppEearsTimes()
    {
        const string prefix = "days since ";
        var units = _variableMetadata.GetValueOrDefault("time#units");
        if (units is null || !units.StartsWith(prefix, StringComparison.Ordinal) ||
            !DateOnly.TryParseExact(units[prefix.Length..].Split(' ')[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var epoch))
            throw new InvalidInputException(Path, "time", $"units '{units}', expected 'days since YYYY-MM-DD'");
        var values = _variableMetadata.GetValueOrDefault("NETCDF_DIM_time_VALUES")?.Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries)
            ?? throw new InvalidInputException(Path, "time", "the file has no time axis");
        var starts = new List<DateOnly>(values.Length);
        foreach (var text in values)
        {
            var day = epoch.AddDays((int)Math.Round(double.Parse(text, CultureInfo.InvariantCulture)));
            if (Product.CompositeDays is 8 or 16 && (day.DayOfYear - 1) % 8 != 0)
                throw new InvalidInputException(Path, "time", $"{day:yyyy-MM-dd} (day {day.DayOfYear}) is not a {Product.CompositeDays}-day composite start (day of year 1 + 8k)");
            starts.Add(day);
        }
        return starts;
    }

    private static (double Min, double Max) ValidRange(IReadOnlyDictionary<string, string> dataset, IReadOnlyDictionary<string, string> band)
    {
        string? Find(string key) => band.GetValueOrDefault(key) ?? dataset.GetValueOrDefault(key);
        double min = double.NegativeInfinity, max = double.PositiveInfinity;
        if (Find("valid_range") is { } range)
        {
            var parts = range.Trim('{', '}').Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                min = double.Parse(parts[0], CultureInfo.InvariantCulture);
                max = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
        if (Find("valid_min") is { } lo)
            min = double.Parse(lo, CultureInfo.InvariantCulture);
        if (Find("valid_max") is { } hi)
            max = double.Parse(hi, CultureInfo.InvariantCulture);
        return (min, max);
    }
}
