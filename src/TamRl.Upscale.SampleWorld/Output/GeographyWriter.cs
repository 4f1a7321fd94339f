using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.SampleWorld.Geography;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>W/static/geography.nc (docs/data-contracts.md section 1).</summary>
internal static class GeographyWriter
{
    public static void Write(string path, WorldGeography geo, SampleWorldOptions options)
    {
        var layout = GridLayout.Native(geo.Grid);
        using var nc = NetCdfFile.Create(path);
        NetCdfConventions.Provenance(nc, options, "Sample world geography");
        nc.SetAttribute(null, "Conventions", "CF-1.10");
        nc.SetAttribute(null, "land_mask_source", "Kottek et al. (2006) 0.5 degree Koppen-Geiger map (land cells), data/real/koppen");
        nc.SetAttribute(null, "elevation_source", "ETOPO2 (NOAA NGDC 2 arc-minute global relief, ice surface) at 0.5 degrees as built into CDO 2.1.1 (operator topo), data/real/elevation/elevation_0.5deg.nc: land-area mean of the 0.5 degree cells, bilinear below 0.5 degrees; below sea level counts as 0 m");
        NetCdfConventions.DefineLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes, false);
        string[] dims = ["lat", "lon"];
        nc.AddVariable("land_fraction", NcType.Float, dims, new NcVariableOptions { DeflateLevel = 1, Shuffle = true });
        nc.SetAttribute("land_fraction", "units", "1");
        nc.SetAttribute("land_fraction", "long_name", "fraction of the cell that is land (Kottek 0.5 degree land cells)");
        nc.AddVariable("elevation", NcType.Float, dims, new NcVariableOptions { DeflateLevel = 1, Shuffle = true });
        nc.SetAttribute("elevation", "units", "m");
        nc.SetAttribute("elevation", "long_name", "surface elevation above sea level (see elevation_source)");
        nc.AddVariable("koppen", NcType.Int, dims, new NcVariableOptions { DeflateLevel = 1 });
        nc.SetAttribute("koppen", "long_name", "Koppen-Geiger class, id in data/real/sites/koeppen_geiger_key.csv (0 = sea)");
        nc.SetAttribute("koppen", "units", "1");
        nc.AddVariable("igbp", NcType.Int, dims, new NcVariableOptions { DeflateLevel = 1 });
        nc.SetAttribute("igbp", "long_name", "IGBP class, index into data/real/sites/igbp_key.csv (0 = water)");
        nc.SetAttribute("igbp", "units", "1");
        NetCdfConventions.WriteLatLon(nc, "lat", "lon", layout.Latitudes, layout.Longitudes);
        nc.Write<float>("land_fraction", geo.LandFraction);
        nc.Write<float>("elevation", geo.Elevation);
        nc.Write<int>("koppen", geo.KoppenClass.Select(b => (int)b).ToArray());
        nc.Write<int>("igbp", geo.IgbpClass.Select(b => (int)b).ToArray());
    }
}
