using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Streaming;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>W/static/geography.nc (docs/data-contracts.md section 1): defined once, then written band by band.</summary>
internal static class GeographyWriter
{
    private static readonly string[] GridVariables = ["land_fraction", "elevation", "koppen", "igbp"];

    public static void Define(string path, BandPlan plan, SampleWorldOptions options)
    {
        var layout = GridLayout.Native(plan.Grid);
        using var nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(nc, options, "Sample world geography");
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "land_mask_source", "Kottek et al. (2006) 0.5 degree Koppen-Geiger map (land cells), data/real/koppen");
        nc.SetAttribute(null, "elevation_source", "ETOPO2 (NOAA NGDC, 2 arc-minute global relief, ice surface) at 0.5 degrees as built into CDO 2.1.1 (operator topo), data/real/elevation/elevation_0.5deg.nc: land-area mean of the 0.5 degree cells, bilinear below 0.5 degrees; below sea level counts as 0 m");
        NetCdfConventions.DefineLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes, false);
        string[] dims = ["lat", "lon"];
        var chunks = plan.MapChunks;
        nc.AddVariable("land_fraction", NcType.Float, dims, new NcVariableOptions { DeflateLevel = 1, Shuffle = true, ChunkSizes = chunks });
        nc.SetAttribute("land_fraction", "units", "1");
        nc.SetAttribute("land_fraction", "long_name", "fraction of the cell that is land (Kottek 0.5 degree land cells)");
        nc.AddVariable("elevation", NcType.Float, dims, new NcVariableOptions { DeflateLevel = 1, Shuffle = true, ChunkSizes = chunks });
        nc.SetAttribute("elevation", "units", "m");
        nc.SetAttribute("elevation", "long_name", "surface elevation above sea level (see elevation_source)");
        nc.AddVariable("koppen", NcType.Int, dims, new NcVariableOptions { DeflateLevel = 1, ChunkSizes = chunks });
        nc.SetAttribute("koppen", "long_name", "Koppen-Geiger class, id in data/real/sites/koeppen_geiger_key.csv (0 = sea)");
        nc.SetAttribute("koppen", "units", "1");
        nc.AddVariable("igbp", NcType.Int, dims, new NcVariableOptions { DeflateLevel = 1, ChunkSizes = chunks });
        nc.SetAttribute("igbp", "long_name", "IGBP class, index into data/real/sites/igbp_key.csv (0 = water)");
        nc.SetAttribute("igbp", "units", "1");
        NetCdfConventions.WriteLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes);
    }

    /// <summary>Writes the band <paramref name="geo"/> covers.</summary>
    public static void WriteBand(string path, BandPlan plan, WorldGeography geo)
    {
        using var nc = NetCdfConventions.OpenForBand(path, GridVariables, (long)plan.ChunkRows * plan.Grid.Columns * sizeof(float));
        long[] start = [geo.RowStart, 0];
        long[] count = [geo.Rows, geo.Grid.Columns];
        nc.Write<float>("land_fraction", start, count, geo.LandFraction);
        nc.Write<float>("elevation", start, count, geo.Elevation);
        nc.Write<int>("koppen", start, count, geo.KoppenClass.Select(b => (int)b).ToArray());
        nc.Write<int>("igbp", start, count, geo.IgbpClass.Select(b => (int)b).ToArray());
    }
}
