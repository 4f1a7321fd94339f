using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Inspection;

/// <summary>
/// Summarises a NetCDF file, Zarr store or GDAL raster the way <c>cdo sinfo</c> does, with CF decoding
/// applied: dimensions, variables with units, time axes decoded to dates, the horizontal grid, and
/// per-variable decoded statistics. Data are streamed in blocks along the leading dimension, so memory
/// stays bounded whatever the size of the cube.
/// <para>
/// A dataset whose coordinates break CF expectations (a non-monotonic axis, time units that do not
/// parse) is still summarised; the problems are listed in <see cref="DatasetSummary.Problems"/>.
/// Asking for a variable that does not exist throws <see cref="InvalidInputException"/>.
/// </para>
/// </summary>
public static class DatasetInspector
{
    private const long BlockElements = 8L << 20;

    public static DatasetSummary Inspect(string path, string? variable = null)
    {
        var kind = DatasetFormats.Detect(path);
        // GRIB goes through the array view (GribDataset): variables by parameter, time axes decoded.
        return kind == DatasetKind.GdalRaster ? InspectRaster(path, variable) : InspectArrays(path, kind, variable);
    }

    private static DatasetSummary InspectArrays(string path, DatasetKind kind, string? only)
    {
        using var ds = DatasetFormats.OpenArrays(path);
        var problems = new List<string>();
        var variables = ds.Variables;
        if (only is not null)
            ds.GetVariable(only);

        var coordinateKinds = variables
            .Where(v => v.Rank == 1)
            .Select(v => (v, kind: SafeClassify(v, ds.Path)))
            .Where(x => x.kind is not null)
            .ToDictionary(x => x.v.Name, x => x.kind!.Value, StringComparer.Ordinal);

        var times = new List<TimeSummary>();
        foreach (var (name, axis) in coordinateKinds)
        {
            if (axis != CfAxisKind.Time)
                continue;
            try
            {
                var decoded = CfTimeCoder.Decode(ds, name);
                var s = decoded.Summary;
                times.Add(new TimeSummary(name, ds.GetVariable(name).Attributes.GetText("units") ?? decoded.Units.ToString(), decoded.Calendar.ToCfName(),
                    s.First.ToString(), s.Last.ToString(), s.StepDescription, s.Count));
            }
            catch (InvalidInputException e)
            {
                problems.Add(e.Message);
            }
        }

        var grid = FindGrid(ds, variables, coordinateKinds, problems);
        var summaries = variables
            .Where(v => only is null || v.Name == only)
            .Select(v => SummariseVariable(ds, v, problems))
            .ToArray();

        var format = kind == DatasetKind.NetCdf && ds is NetCdf.NetCdfFile nc
            ? $"NetCDF ({nc.Format}; netCDF-C {NetCdf.NetCdfFile.LibraryVersion.Split(' ')[0]})"
            : ds is Grib.GribDataset grib
                ? $"GRIB ({grib.Messages.Count} messages, read by GDAL {GdalEnvironment.Current.Version})"
                : $"Zarr ({ds.GetType().Name})";
        if (ds is Grib.GribDataset gribFile)
            problems.AddRange(GribProblems(gribFile));
        return new DatasetSummary(ds.Path, format, ds.Dimensions, times, grid, summaries, [], problems);
    }

    /// <summary>What a GRIB file holds that ingest would refuse: several messages at one valid time, pressure levels.</summary>
    private static IEnumerable<string> GribProblems(Grib.GribDataset grib)
    {
        foreach (var v in grib.Variables.Where(v => v.Rank == 3))
        {
            InvalidInputException? duplicate = null;
            try { grib.RequireOneMessagePerTime(v.Name); }
            catch (InvalidInputException e) { duplicate = e; }
            if (duplicate is not null)
                yield return duplicate.Message;
        }
        var levels = grib.Messages.Where(m => m.IsPressureLevel).Select(m => m.Level).Distinct().ToArray();
        if (levels.Length > 0)
            yield return $"{grib.Path}: {levels.Length} pressure level(s) ({string.Join(", ", levels.Take(6))}): variables named name@level; ERA5 ingest reads single levels only";
    }

    private static CfAxisKind? SafeClassify(ArrayVariableInfo v, string path)
    {
        try
        {
            return CfCoordinateFinder.Classify(v, path)?.Kind;
        }
        catch (InvalidInputException)
        {
            return null; // contradictions are reported when the grid is built
        }
    }

    private static GridSummary? FindGrid(IArrayDataset ds, IReadOnlyList<ArrayVariableInfo> variables,
        IReadOnlyDictionary<string, CfAxisKind> coordinateKinds, List<string> problems)
    {
        foreach (var v in variables.Where(v => v.Rank >= 2 && !coordinateKinds.ContainsKey(v.Name)))
        {
            try
            {
                var coords = CfCoordinateFinder.Find(ds, v.Name);
                if (coords.Latitude is null || coords.Longitude is null)
                    continue;
                var mapping = CfGridNormaliser.Normalise(ds, coords);
                var lat = ds.ReadDoubles(coords.Latitude.CoordinateVariable);
                var lon = ds.ReadDoubles(coords.Longitude.CoordinateVariable);
                var g = mapping.Grid;
                return new GridSummary(coords.Latitude.CoordinateVariable, coords.Longitude.CoordinateVariable,
                    g.Rows, g.Columns, g.LatitudeResolution, g.LongitudeResolution,
                    lat.Length > 1 && lat[0] > lat[^1] ? "descending (north first)" : "ascending (south first)",
                    LongitudeConvention(lon.Min(), lon.Max()),
                    g.West, g.East, g.South, g.North);
            }
            catch (InvalidInputException e)
            {
                problems.Add(e.Message);
                return null;
            }
        }
        return null;
    }

    private static VariableSummary SummariseVariable(IArrayDataset ds, ArrayVariableInfo v, List<string> problems)
    {
        var stats = new RunningStatistics();
        var numeric = AttributeValue.IsSupportedNumeric(v.StorageType);
        if (numeric)
        {
            try
            {
                foreach (var (start, count) in Blocks(v.Shape))
                    stats.Add(CfVariableDecoder.Read(ds, v.Name, start, count).Values);
            }
            catch (DataFileException e)
            {
                problems.Add(e.Message);
            }
        }
        var packed = v.Attributes.Contains("scale_factor") || v.Attributes.Contains("add_offset");
        return new VariableSummary(v.Name, v.DimensionNames, v.Shape, TypeName(v.StorageType),
            v.Attributes.GetText("units"), v.Attributes.GetText("long_name"), packed,
            numeric ? v.ElementCount : 0, numeric ? stats.Missing : 0, stats.Min, stats.Max, stats.Mean);
    }

    /// <summary>Hyperslabs covering a shape, split along the leading dimension into bounded blocks.</summary>
    internal static IEnumerable<(long[] Start, long[] Count)> Blocks(IReadOnlyList<long> shape)
    {
        if (shape.Count == 0)
        {
            yield return ([], []);
            yield break;
        }
        var perLeading = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var step = Math.Max(1L, BlockElements / Math.Max(1L, perLeading));
        for (long i = 0; i < shape[0]; i += step)
        {
            var start = new long[shape.Count];
            var count = shape.ToArray();
            start[0] = i;
            count[0] = Math.Min(step, shape[0] - i);
            yield return (start, count);
        }
    }

    private static DatasetSummary InspectRaster(string path, string? only)
    {
        using var raster = GdalRaster.Open(path);
        var problems = new List<string>();
        var bands = new List<VariableSummary>();
        for (var b = 1; b <= raster.BandCount; b++)
        {
            var info = raster.Bands[b - 1];
            var name = $"band_{b}";
            if (only is not null && name != only && info.Description != only)
                continue;
            bands.Add(SummariseBand(raster, info, name));
        }
        if (only is not null && bands.Count == 0)
            throw new InvalidInputException(raster.Path, only, $"no band with that description (bands: {raster.BandCount})");

        var dims = raster.BandCount > 0
            ? new Dictionary<string, long> { ["band"] = raster.BandCount, ["y"] = raster.Height, ["x"] = raster.Width }
            : new Dictionary<string, long>();
        return new DatasetSummary(raster.Path, $"GDAL raster ({raster.DriverName})", dims, [], RasterGrid(raster), bands,
            raster.Subdatasets.Select(s => $"{s.Name}  ({s.Description})").ToArray(), problems);
    }

    private static VariableSummary SummariseBand(GdalRaster raster, GdalBandInfo info, string name)
    {
        var cf = GdalBandCfAttributes.Describe(raster, info, name);
        var mask = CfMaskCoder.FromVariable(cf, raster.Path);
        var unpack = CfScaleOffsetCoder.FromVariable(cf, raster.Path);
        var stats = new RunningStatistics();
        var rowsPerBlock = (int)Math.Max(1, BlockElements / Math.Max(1, raster.Width));
        for (var y = 0; y < raster.Height; y += rowsPerBlock)
        {
            var values = raster.ReadBandWindow(info.Index, 0, y, raster.Width, Math.Min(rowsPerBlock, raster.Height - y));
            mask.Apply(values);
            unpack.Apply(values);
            stats.Add(values);
        }
        return new VariableSummary(name, ["y", "x"], [raster.Height, raster.Width], info.DataType.ToString(),
            cf.Attributes.GetText("units"), string.IsNullOrEmpty(info.Description) ? null : info.Description, !unpack.IsIdentity,
            stats.Count, stats.Missing, stats.Min, stats.Max, stats.Mean);
    }

    private static GridSummary? RasterGrid(GdalRaster raster)
    {
        if (raster.GeoTransform is not { } gt || gt.RowRotation != 0 || gt.ColumnRotation != 0 || raster.BandCount == 0)
            return null;
        var geographic = raster.ProjectionWkt.StartsWith("GEOGCS", StringComparison.Ordinal) ||
                         raster.ProjectionWkt.StartsWith("GEOGCRS", StringComparison.Ordinal);
        var west = gt.OriginX;
        var east = gt.OriginX + raster.Width * gt.PixelWidth;
        var top = gt.OriginY;
        var bottom = gt.OriginY + raster.Height * gt.PixelHeight;
        return new GridSummary(null, null, raster.Height, raster.Width, Math.Abs(gt.PixelHeight), Math.Abs(gt.PixelWidth),
            geographic ? (gt.PixelHeight < 0 ? "descending (north first)" : "ascending (south first)") : "projected CRS (rows north first)",
            geographic ? LongitudeConvention(west, east) : "projected CRS",
            west, east, Math.Min(top, bottom), Math.Max(top, bottom), geographic);
    }

    private static string LongitudeConvention(double min, double max) =>
        max > 180 + 1e-9 ? "0..360" : min < 0 ? "-180..180" : "within 0..180 (the same in both conventions)";

    private static string TypeName(Type t) =>
        t == typeof(float) ? "float32" : t == typeof(double) ? "float64" : t == typeof(short) ? "int16" :
        t == typeof(int) ? "int32" : t == typeof(long) ? "int64" : t == typeof(sbyte) ? "int8" : t == typeof(byte) ? "uint8" :
        t == typeof(ushort) ? "uint16" : t == typeof(uint) ? "uint32" : t == typeof(ulong) ? "uint64" :
        t == typeof(string) ? "string" : t == typeof(char) ? "char" : t.Name;
}
