using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Fixtures;

/// <summary>A value of a variable as a known function of time and place, so tests can check any cell.</summary>
internal delegate double Field(DateTime time, double latitude, double longitude);

/// <summary>One variable of a fixture file.</summary>
internal sealed record FixtureVariable(string Name, string Units, Field Value);

/// <summary>Coordinates in ERA5's storage order: latitudes descending, longitudes 0..360 ascending.</summary>
internal sealed record StoredGrid(double[] Latitudes, double[] Longitudes)
{
    /// <summary>ERA5-like global grid: centres on the poles and on 0°, longitudes 0..360-res.</summary>
    public static StoredGrid Global(double resolution)
    {
        var rows = (int)Math.Round(180 / resolution) + 1;
        var cols = (int)Math.Round(360 / resolution);
        return new(Enumerable.Range(0, rows).Select(i => 90 - i * resolution).ToArray(), Enumerable.Range(0, cols).Select(j => j * resolution).ToArray());
    }

    /// <summary>A regional box given by its north-west centre, descending latitudes.</summary>
    public static StoredGrid Regional(double northCentre, double westCentre, int rows, int cols, double resolution) =>
        new(Enumerable.Range(0, rows).Select(i => northCentre - i * resolution).ToArray(), Enumerable.Range(0, cols).Select(j => westCentre + j * resolution).ToArray());
}

/// <summary>
/// Tiny ERA5 files in each layout of docs/data-contracts.md §1, written with NetCdfFile (and turned into Zarr
/// by GDAL's own gdalmdimtranslate, an independent writer).
/// </summary>
internal static class Era5Fixtures
{
    public static readonly DateTime UnixEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LegacyEpoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime[] Hours(DateTime start, int count) => Enumerable.Range(0, count).Select(h => start.AddHours(h)).ToArray();

    public static DateTime[] Days(DateTime start, int count) => Enumerable.Range(0, count).Select(d => start.AddDays(d)).ToArray();

    public static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>New-CDS layout: valid_time (int64 seconds since 1970-01-01), latitude descending, longitude 0..360, float32 zlib, NaN fill.</summary>
    public static void WriteNewCds(string path, StoredGrid grid, IReadOnlyList<DateTime> times, params FixtureVariable[] variables)
    {
        using var nc = NetCdfFile.Create(path);
        nc.SetAttribute(null, "Conventions", "CF-1.7");
        nc.SetAttribute(null, "institution", "European Centre for Medium-Range Weather Forecasts");
        nc.AddDimension("valid_time", times.Count);
        nc.AddDimension("latitude", grid.Latitudes.Length);
        nc.AddDimension("longitude", grid.Longitudes.Length);
        nc.AddVariable("number", NcType.Int64, []);
        nc.SetAttribute("number", "standard_name", "realization");
        nc.AddVariable("valid_time", NcType.Int64, ["valid_time"]);
        nc.SetAttribute("valid_time", "standard_name", "time");
        nc.SetAttribute("valid_time", "units", "seconds since 1970-01-01");
        nc.SetAttribute("valid_time", "calendar", "proleptic_gregorian");
        DefineLatLon(nc, NcType.Double);
        foreach (var v in variables)
        {
            nc.AddVariable(v.Name, NcType.Float, ["valid_time", "latitude", "longitude"], new NcVariableOptions
            {
                DeflateLevel = 1, Shuffle = true, FillValue = AttributeValue.Of(float.NaN),
                ChunkSizes = [1, grid.Latitudes.Length, grid.Longitudes.Length],
            });
            nc.SetAttribute(v.Name, "units", v.Units);
            nc.SetAttribute(v.Name, "coordinates", "number valid_time latitude longitude");
        }
        nc.Write<long>("number", [0L]);
        nc.Write<long>("valid_time", times.Select(t => (long)(t - UnixEpoch).TotalSeconds).ToArray());
        nc.Write<double>("latitude", grid.Latitudes);
        nc.Write<double>("longitude", grid.Longitudes);
        foreach (var v in variables)
            nc.Write<float>(v.Name, Values(grid, times, v.Value).Select(x => (float)x).ToArray());
    }

    /// <summary>
    /// Legacy CDS layout: time (int32 hours since 1900-01-01 00:00:00.0), latitude/longitude float32, int16 packed
    /// with this file's own scale_factor/add_offset, fill -32767. With <paramref name="expverSplit"/>, an expver
    /// dimension (1, 5): steps before the split hold values under expver 1 only, the rest under expver 5 only.
    /// </summary>
    public static void WriteLegacy(string path, StoredGrid grid, IReadOnlyList<DateTime> times, int? expverSplit, params FixtureVariable[] variables)
    {
        using var nc = NetCdfFile.Create(path, NetCdfFormat.Offset64);
        nc.SetAttribute(null, "Conventions", "CF-1.6");
        nc.AddDimension("longitude", grid.Longitudes.Length);
        nc.AddDimension("latitude", grid.Latitudes.Length);
        if (expverSplit is not null)
            nc.AddDimension("expver", 2);
        nc.AddDimension("time", times.Count);
        nc.AddVariable("longitude", NcType.Float, ["longitude"]);
        nc.SetAttribute("longitude", "units", "degrees_east");
        nc.SetAttribute("longitude", "long_name", "longitude");
        nc.AddVariable("latitude", NcType.Float, ["latitude"]);
        nc.SetAttribute("latitude", "units", "degrees_north");
        nc.SetAttribute("latitude", "long_name", "latitude");
        if (expverSplit is not null)
        {
            nc.AddVariable("expver", NcType.Int, ["expver"]);
            nc.SetAttribute("expver", "long_name", "expver");
        }
        nc.AddVariable("time", NcType.Int, ["time"]);
        nc.SetAttribute("time", "units", "hours since 1900-01-01 00:00:00.0");
        nc.SetAttribute("time", "long_name", "time");
        nc.SetAttribute("time", "calendar", "gregorian");
        string[] dims = expverSplit is null ? ["time", "latitude", "longitude"] : ["time", "expver", "latitude", "longitude"];
        var packed = new Dictionary<string, short[]>();
        foreach (var v in variables)
        {
            var values = Values(grid, times, v.Value);
            double min = values.Min(), max = values.Max();
            // ECMWF's packing: the range onto -32766..32766, so -32767 stays free for the fill value.
            var scale = max > min ? (max - min) / (2 * 32766.0) : 1.0;
            var offset = (max + min) / 2;
            nc.AddVariable(v.Name, NcType.Short, dims, new NcVariableOptions { FillValue = AttributeValue.Of((short)-32767) });
            nc.SetAttribute(v.Name, "scale_factor", AttributeValue.Of(scale));
            nc.SetAttribute(v.Name, "add_offset", AttributeValue.Of(offset));
            nc.SetAttribute(v.Name, "missing_value", AttributeValue.Of((short)-32767));
            nc.SetAttribute(v.Name, "units", v.Units);
            var shorts = values.Select(x => (short)Math.Round((x - offset) / scale)).ToArray();
            packed[v.Name] = expverSplit is { } split ? SplitExpver(shorts, times.Count, grid, split) : shorts;
        }
        nc.Write<float>("longitude", grid.Longitudes.Select(x => (float)x).ToArray());
        nc.Write<float>("latitude", grid.Latitudes.Select(x => (float)x).ToArray());
        if (expverSplit is not null)
            nc.Write<int>("expver", [1, 5]);
        nc.Write<int>("time", times.Select(t => (int)Math.Round((t - LegacyEpoch).TotalHours)).ToArray());
        foreach (var (name, data) in packed)
            nc.Write<short>(name, data);
    }

    /// <summary>Zarr v2 store made from a new-CDS-like NetCDF fixture by GDAL's gdalmdimtranslate (one time step per chunk, as ARCO-ERA5).</summary>
    public static void WriteZarr(string storePath, StoredGrid grid, IReadOnlyList<DateTime> times, params FixtureVariable[] variables)
    {
        var nc = storePath + ".source.nc";
        using (var file = NetCdfFile.Create(nc))
        {
            file.AddDimension("time", times.Count);
            file.AddDimension("latitude", grid.Latitudes.Length);
            file.AddDimension("longitude", grid.Longitudes.Length);
            file.AddVariable("time", NcType.Int64, ["time"]);
            file.SetAttribute("time", "units", "hours since 1900-01-01");
            file.SetAttribute("time", "calendar", "proleptic_gregorian");
            DefineLatLon(file, NcType.Float);
            foreach (var v in variables)
            {
                file.AddVariable(v.Name, NcType.Float, ["time", "latitude", "longitude"]);
                file.SetAttribute(v.Name, "units", v.Units);
            }
            file.Write<long>("time", times.Select(t => (long)Math.Round((t - LegacyEpoch).TotalHours)).ToArray());
            file.Write<float>("latitude", grid.Latitudes.Select(x => (float)x).ToArray());
            file.Write<float>("longitude", grid.Longitudes.Select(x => (float)x).ToArray());
            foreach (var v in variables)
                file.Write<float>(v.Name, Values(grid, times, v.Value).Select(x => (float)x).ToArray());
        }
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "Zarr", nc, storePath);
        File.Delete(nc);
    }

    /// <summary>The values in storage order [time, latitude, longitude].</summary>
    public static double[] Values(StoredGrid grid, IReadOnlyList<DateTime> times, Field f)
    {
        var result = new double[times.Count * grid.Latitudes.Length * grid.Longitudes.Length];
        var i = 0;
        foreach (var t in times)
            foreach (var lat in grid.Latitudes)
                foreach (var lon in grid.Longitudes)
                    result[i++] = f(t, lat, lon);
        return result;
    }

    private static void DefineLatLon(NetCdfFile nc, NcType type)
    {
        nc.AddVariable("latitude", type, ["latitude"]);
        nc.SetAttribute("latitude", "units", "degrees_north");
        nc.SetAttribute("latitude", "standard_name", "latitude");
        nc.AddVariable("longitude", type, ["longitude"]);
        nc.SetAttribute("longitude", "units", "degrees_east");
        nc.SetAttribute("longitude", "standard_name", "longitude");
    }

    private static short[] SplitExpver(short[] values, int steps, StoredGrid grid, int split)
    {
        var plane = grid.Latitudes.Length * grid.Longitudes.Length;
        var result = new short[steps * 2 * plane];
        Array.Fill(result, (short)-32767);
        for (var t = 0; t < steps; t++)
        {
            var e = t < split ? 0 : 1;
            Array.Copy(values, t * plane, result, (t * 2 + e) * plane, plane);
        }
        return result;
    }
}
