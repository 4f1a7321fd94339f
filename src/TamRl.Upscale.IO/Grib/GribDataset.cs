using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Grib;

/// <summary>
/// A GRIB1 or GRIB2 file (as the Copernicus CDS sends ERA5) seen as an <see cref="IArrayDataset"/>, so the
/// CF layer (coordinates, time decoding, grid normalisation) and the ERA5 readers treat it like the CDS's
/// NetCDF: one variable per parameter (t2m(valid_time, latitude, longitude)...), its messages in valid-time
/// order along <c>valid_time</c> (seconds since 1970), latitude and longitude as cell centres.
/// <para>
/// Read through GDAL's GRIB driver (<see cref="GdalRaster"/>: one band per message) rather than ecCodes:
/// GDAL is the native library the project already binds, and Debian 12's GDAL 3.6 has the GRIB driver, so
/// no second native dependency or P/Invoke surface is added. GDAL converts temperatures to degC unless
/// GRIB_NORMALIZE_UNITS is NO, which <see cref="GdalEnvironment"/> sets: values come back as the file holds
/// them (K).
/// </para>
/// <para>
/// Variables are named by parameter (<see cref="GribParameter"/>); a parameter on a pressure level, or on
/// several levels, is named <c>name@level</c> (<c>z@500-ISBL</c>), so surface names stay plain and
/// pressure-level messages never pass for surface fields. Messages of one variable sharing a valid time
/// (ensemble members, two forecasts of one time) are kept for inspection; a reader that needs one field
/// per time calls <see cref="RequireOneMessagePerTime"/>.
/// </para>
/// <para>
/// Constant GRIB1 messages take their value from the message header (<see cref="Grib1Headers"/>:
/// GDAL 3.6 scales it wrongly).
/// </para>
/// </summary>
public sealed class GribDataset : IArrayDataset
{
    private readonly GdalRaster _raster;
    private readonly Dictionary<string, GribMessage[]> _byVariable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArrayVariableInfo> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _coordinates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dimensions = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Grib1Header> _grib1; // per band when the file is GRIB1 throughout (see Grib1Headers)

    private GribDataset(string path, GdalRaster raster)
    {
        Path = path;
        _raster = raster;
        var headers = Grib1Headers.Read(path);
        _grib1 = headers.Count == raster.BandCount ? headers : [];
        Messages = Enumerable.Range(1, raster.BandCount).Select(ReadMessage).ToArray();
        if (Messages.Count == 0)
            throw new InvalidInputException(path, null, "a GRIB file without messages");
        if (raster.GeoTransform is not { } gt || gt.RowRotation != 0 || gt.ColumnRotation != 0)
            throw new InvalidInputException(path, null, "the GRIB grid is not a regular latitude-longitude grid (no plain geotransform); request a regular grid from the CDS");
        _coordinates["latitude"] = Enumerable.Range(0, raster.Height).Select(r => Round(gt.OriginY + (r + 0.5) * gt.PixelHeight)).ToArray();
        _coordinates["longitude"] = Enumerable.Range(0, raster.Width).Select(c => Round(gt.OriginX + (c + 0.5) * gt.PixelWidth)).ToArray();

        var groups = Messages.GroupBy(m => (m.Parameter, m.Level)).ToArray();
        var levelsPerParameter = groups.GroupBy(g => g.Key.Parameter).ToDictionary(g => g.Key, g => g.Count());
        var axes = new List<(long[] Seconds, string Dimension)>();
        var variables = new List<ArrayVariableInfo>();
        foreach (var group in groups)
        {
            var first = group.First();
            var name = first.IsPressureLevel || levelsPerParameter[first.Parameter] > 1 ? $"{first.Parameter}@{first.Level}" : first.Parameter;
            var ordered = group.OrderBy(m => m.ValidTime).ThenBy(m => m.Band).ToArray(); // stable: file order within a time
            _byVariable[name] = ordered;
            var seconds = ordered.Select(m => (long)(m.ValidTime - DateTime.UnixEpoch).TotalSeconds).ToArray();
            var dimension = axes.FirstOrDefault(a => a.Seconds.AsSpan().SequenceEqual(seconds)).Dimension;
            if (dimension is null)
            {
                dimension = axes.Count == 0 ? "valid_time" : $"valid_time_{axes.Count + 1}";
                axes.Add((seconds, dimension));
                _coordinates[dimension] = seconds.Select(s => (double)s).ToArray();
            }
            var band = raster.Bands[first.Band - 1];
            var attributes = new List<KeyValuePair<string, AttributeValue>>
            {
                new("long_name", AttributeValue.FromText(first.Comment)),
                new("GRIB_level", AttributeValue.FromText(first.Level)),
            };
            if (!string.IsNullOrEmpty(first.Units))
                attributes.Add(new("units", AttributeValue.FromText(first.Units)));
            if (band.NoData is { } fill)
                attributes.Add(new("_FillValue", AttributeValue.Of(fill)));
            variables.Add(new ArrayVariableInfo(name, [dimension, "latitude", "longitude"], [ordered.Length, raster.Height, raster.Width], typeof(double), new AttributeSet(attributes)));
        }

        foreach (var (seconds, dimension) in axes)
        {
            _dimensions[dimension] = seconds.Length;
            Add(new ArrayVariableInfo(dimension, [dimension], [seconds.Length], typeof(double), new AttributeSet(
            [
                new("standard_name", AttributeValue.FromText("time")), new("long_name", AttributeValue.FromText("valid time (GRIB_VALID_TIME)")),
                new("units", AttributeValue.FromText("seconds since 1970-01-01 00:00:00")), new("calendar", AttributeValue.FromText("proleptic_gregorian")),
                new("axis", AttributeValue.FromText("T")),
            ])));
        }
        _dimensions["latitude"] = raster.Height;
        _dimensions["longitude"] = raster.Width;
        Add(Coordinate("latitude", raster.Height, "degrees_north", "Y"));
        Add(Coordinate("longitude", raster.Width, "degrees_east", "X"));
        foreach (var v in variables)
            Add(v);
    }

    public string Path { get; }

    /// <summary>Every message in file order (band 1 first).</summary>
    public IReadOnlyList<GribMessage> Messages { get; }

    public IReadOnlyDictionary<string, long> Dimensions => _dimensions;

    public IReadOnlyList<ArrayVariableInfo> Variables => _variables.Values.ToArray();

    public AttributeSet GlobalAttributes => new([new("source", AttributeValue.FromText($"GRIB ({Messages.Count} messages) read by GDAL {GdalEnvironment.Current.Version}"))]);

    /// <summary>Opens a GRIB file; one GDAL cannot read throws <see cref="GdalException"/> naming it.</summary>
    public static GribDataset Open(string path)
    {
        var raster = GdalRaster.Open(path);
        try
        {
            return new GribDataset(path, raster);
        }
        catch
        {
            raster.Dispose();
            throw;
        }
    }

    /// <summary>The messages of a variable in valid-time order (its <c>valid_time</c> axis).</summary>
    public IReadOnlyList<GribMessage> MessagesOf(string variable) =>
        _byVariable.TryGetValue(variable, out var m) ? m : throw new InvalidInputException(Path, variable, "no such GRIB parameter in this file");

    /// <summary>
    /// Throws naming the file, the variable and both messages (bands) when two messages of the variable
    /// share a valid time: ensemble members (GRIB key <c>number</c>) or forecasts of one time from two
    /// steps, which a time series cannot hold.
    /// </summary>
    public void RequireOneMessagePerTime(string variable)
    {
        var messages = MessagesOf(variable);
        for (var i = 1; i < messages.Count; i++)
        {
            if (messages[i].ValidTime != messages[i - 1].ValidTime)
                continue;
            var (a, b) = (messages[i - 1], messages[i]);
            var why = a.EnsembleMember is not null || b.EnsembleMember is not null
                ? $"ensemble members {a.EnsembleMember} and {b.EnsembleMember}; download one member"
                : a.ForecastSeconds != b.ForecastSeconds
                    ? $"steps {a.ForecastSeconds / 3600.0} h and {b.ForecastSeconds / 3600.0} h of two forecasts; download one step per time"
                    : "ensemble members (GRIB key number) or duplicated messages; download one member (e.g. the reanalysis, not the ensemble)";
            throw new InvalidInputException(Path, variable,
                $"messages {a.Band} and {b.Band} (GDAL bands) have the same valid time {a.ValidTime:yyyy-MM-dd HH:mm} UTC: {why}");
        }
    }

    public ArrayVariableInfo GetVariable(string name) =>
        _variables.TryGetValue(name, out var v) ? v
        : throw new InvalidInputException(Path, name, $"no such variable; the GRIB file holds {string.Join(", ", _byVariable.Keys)}");

    public double[] ReadDoubles(string variable) => ReadDoubles(variable, new long[GetVariable(variable).Rank], GetVariable(variable).Shape.ToArray());

    public double[] ReadDoubles(string variable, long[] start, long[] count)
    {
        var info = GetVariable(variable);
        if (start.Length != info.Rank || count.Length != info.Rank)
            throw new ArgumentException($"{variable} has rank {info.Rank}, got start/count of {start.Length}/{count.Length}");
        for (var d = 0; d < info.Rank; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > info.Shape[d])
                throw new ArgumentOutOfRangeException(nameof(start), $"{variable}: [{start[d]}, +{count[d]}) outside dimension {info.DimensionNames[d]} of {info.Shape[d]}");
        if (_coordinates.TryGetValue(variable, out var axis))
            return axis.AsSpan((int)start[0], (int)count[0]).ToArray();
        var messages = _byVariable[variable];
        int rows = (int)count[1], columns = (int)count[2], plane = rows * columns;
        var values = new double[count[0] * plane];
        for (var t = 0; t < count[0]; t++)
        {
            var band = messages[start[0] + t].Band;
            var window = values.AsSpan(t * plane, plane);
            _raster.ReadBandWindow(band, (int)start[2], (int)start[1], columns, rows, window);
            if (_grib1.Count > 0 && _grib1[band - 1].Constant is { } constant)
            {
                var fill = _raster.Bands[band - 1].NoData;
                for (var i = 0; i < window.Length; i++)
                    if (window[i] != fill) // a bitmap's missing cells stay missing
                        window[i] = constant;
            }
        }
        return values;
    }

    public void Dispose() => _raster.Dispose();

    private void Add(ArrayVariableInfo info) => _variables[info.Name] = info;

    private static ArrayVariableInfo Coordinate(string name, int length, string units, string axis) =>
        new(name, [name], [length], typeof(double), new AttributeSet(
        [
            new("standard_name", AttributeValue.FromText(name)), new("units", AttributeValue.FromText(units)), new("axis", AttributeValue.FromText(axis)),
        ]));

    /// <summary>Cell centres to 1e-9 degree: a geotransform of 0.25-degree steps leaves sums like 59.875000000000007.</summary>
    private static double Round(double degrees) => Math.Round(degrees, 9);

    private GribMessage ReadMessage(int band)
    {
        var metadata = _raster.GetBandMetadata(band);
        var (parameter, units) = GribParameter.Identify(metadata);
        var comment = metadata.GetValueOrDefault("GRIB_COMMENT", "");
        if (!metadata.TryGetValue("GRIB_VALID_TIME", out var validText) || LeadingInteger(validText) is not { } validSeconds)
            throw new InvalidInputException(Path, $"message {band}", $"no GRIB_VALID_TIME in GDAL's band metadata (got '{validText}')");
        var forecast = metadata.TryGetValue("GRIB_FORECAST_SECONDS", out var f) ? LeadingInteger(f) ?? 0 : 0;
        var member = _grib1.Count > 0 ? _grib1[band - 1].EnsembleMember : null;
        if (metadata.TryGetValue("GRIB_PDS_PDTN", out var pdtn) && pdtn.Trim() is "1" or "11")
        {
            var values = GribParameter.AssembledValues(metadata);
            member = values.Length > 16 ? (int)values[16] : -1; // template 4.1/4.11: perturbation number
        }
        return new GribMessage(band, parameter, metadata.GetValueOrDefault("GRIB_SHORT_NAME", "").Trim(), units, comment,
            DateTime.UnixEpoch.AddSeconds(validSeconds), forecast, member, AccumulationHours(band, metadata));
    }

    /// <summary>
    /// The accumulation window of a message in hours, or null when it is not an accumulation (or not known):
    /// GRIB1 from the header (P2 - P1), GRIB2 product template 4.8 from its one time range (type of statistical
    /// processing 1 = accumulation; the assembled values after the two fixed surfaces: end time (6 values), number
    /// of ranges, missing, then per range: processing, increment type, unit, length).
    /// </summary>
    private double? AccumulationHours(int band, IReadOnlyDictionary<string, string> metadata)
    {
        if (_grib1.Count > 0)
            return _grib1[band - 1].AccumulationHours;
        if (!metadata.TryGetValue("GRIB_PDS_PDTN", out var pdtn) || pdtn.Trim() != "8")
            return null;
        var v = GribParameter.AssembledValues(metadata);
        if (v.Length < 27 || v[23] != 1)
            return null;
        double? unitHours = v[25] switch { 0 => 1 / 60.0, 1 => 1, 2 => 24, 10 => 3, 11 => 6, 12 => 12, 13 => 1 / 3600.0, _ => null };
        return unitHours * v[26];
    }

    /// <summary>GDAL 3.6 writes "1577840400"; older releases "  1577840400 sec UTC".</summary>
    private static long? LeadingInteger(string text)
    {
        var token = text.Trim().Split(' ', 2)[0];
        return long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
