using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Modis;

/// <summary>The real MODIS files of data/real/modis (provenance in data/real/MANIFEST.csv).</summary>
internal static class ModisRealFiles
{
    /// <summary>MCD15A2H collection 6, tile h18v05 (30-40 N, 0-13 E), 8-day composite starting 2016-07-19, as LP DAAC distributes it.</summary>
    public static string Mcd15Tile => RepoPaths.RealData("modis", "modistsp", "MODIStsp_MCD15A2H.A2016201.h18v05.006.2016215124658.hdf");

    /// <summary>An AppEEARS area request of MCD12Q1 collection 5.1 (NetCDF-4, Albers conical equal area "crs", 13 yearly steps).</summary>
    public static string Mcd12AppEears => RepoPaths.RealData("modis", "appeears", "MCD12Q1.051_aid0001.nc");

    /// <summary>An AppEEARS area request of MOD13A2 collection 6 (16-day 1 km EVI and VI Quality, no NDVI; Albers "crs"; 406 steps 2000-2017) over the same area.</summary>
    public static string Mod13AppEears => RepoPaths.RealData("modis", "appeears", "MOD13A2.006_aid0001.nc");

    /// <summary>The GDAL subdataset name of an SDS of the MCD15A2H tile.</summary>
    public static string Mcd15Sds(string sds) => $"HDF4_EOS:EOS_GRID:\"{Mcd15Tile}\":MOD_Grid_MOD15A2H:{sds}";
}
