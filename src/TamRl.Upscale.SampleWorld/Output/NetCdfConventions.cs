using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>Shared pieces of the world's NetCDF files: coordinates, float variables, provenance attributes.</summary>
internal static class NetCdfConventions
{
    public const string Source = "TamRl.Upscale sample world: synthetic test data with known truth, not observations";

    public static void Provenance(NetCdfFile nc, SampleWorldOptions options, string title)
    {
        nc.SetAttribute(null, "title", title);
        nc.SetAttribute(null, "source", Source);
        nc.SetAttribute(null, "sample_world_seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Defines CF lat/lon coordinate variables (names given, double) and writes their values.</summary>
    public static void DefineLatLon(NetCdfFile nc, string latName, string lonName, double[] lats, double[] lons, bool era5Style)
    {
        nc.AddDimension(latName, lats.Length);
        nc.AddDimension(lonName, lons.Length);
        nc.AddVariable(latName, NcType.Double, [latName]);
        nc.AddVariable(lonName, NcType.Double, [lonName]);
        nc.SetAttribute(latName, "units", "degrees_north");
        nc.SetAttribute(latName, "standard_name", "latitude");
        nc.SetAttribute(latName, "long_name", "latitude");
        nc.SetAttribute(lonName, "units", "degrees_east");
        nc.SetAttribute(lonName, "standard_name", "longitude");
        nc.SetAttribute(lonName, "long_name", "longitude");
        if (era5Style)
            nc.SetAttribute(latName, "stored_direction", "decreasing");
        else
        {
            nc.SetAttribute(latName, "axis", "Y");
            nc.SetAttribute(lonName, "axis", "X");
        }
    }

    /// <summary>
    /// The new CDS's <c>string expver(valid_time)</c>: the ERA5 experiment version of each step, "0001" for final
    /// ERA5 ("0005" would be the preliminary ERA5T of the last months; the world is all final). Real new-CDS files
    /// carry it without attributes; ingest must read around it.
    /// </summary>
    public static void AddExpver(NetCdfFile nc, int steps)
    {
        nc.AddVariable("expver", NcType.String, ["valid_time"]);
        nc.WriteStrings("expver", Enumerable.Repeat("0001", steps).ToArray());
    }

    public static void WriteLatLon(NetCdfFile nc, string latName, string lonName, double[] lats, double[] lons)
    {
        nc.Write<double>(latName, lats);
        nc.Write<double>(lonName, lons);
    }

    /// <summary>
    /// Caps a step-written variable's HDF5 chunk cache at two chunks. netCDF-C gives every variable 16 MiB by
    /// default and HDF5 keeps written chunks there until evicted, so fifteen open variables of one-day chunks
    /// held ~240 MiB at 0.5 degrees; written a whole chunk at a time, they need none of it.
    /// </summary>
    public static void LimitChunkCache(NetCdfFile nc, string name, long chunkBytes) =>
        nc.SetChunkCache(name, Math.Max(64 * 1024, 2 * chunkBytes), 11);

    /// <summary>
    /// Opens a file the generator defined earlier to write one band into it, with every gridded variable's chunk
    /// cache capped (the cap belongs to the open file, not to the file on disk).
    /// </summary>
    public static NetCdfFile OpenForBand(string path, IEnumerable<string> variables, long chunkBytes)
    {
        var nc = NetCdfFile.Open(path, writable: true);
        foreach (var v in variables)
            LimitChunkCache(nc, v, chunkBytes);
        return nc;
    }

    /// <summary>A float32 variable over (time, lat, lon), zlib level 1 with shuffle, chunked as given (one time step).</summary>
    public static void AddFloatCube(NetCdfFile nc, string name, string[] dims, long[] chunks, string units, string longName,
        (string Name, string Value)[]? extra = null)
    {
        nc.AddVariable(name, NcType.Float, dims, new NcVariableOptions
        {
            DeflateLevel = 1, Shuffle = true, ChunkSizes = chunks, FillValue = AttributeValue.Of(float.NaN),
        });
        LimitChunkCache(nc, name, chunks.Aggregate(1L, (a, b) => a * b) * sizeof(float));
        nc.SetAttribute(name, "units", units);
        nc.SetAttribute(name, "long_name", longName);
        foreach (var (k, v) in extra ?? [])
            nc.SetAttribute(name, k, v);
    }
}
