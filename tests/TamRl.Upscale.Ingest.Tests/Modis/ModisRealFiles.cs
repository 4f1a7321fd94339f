using TamRl.Upscale.TestSupport;
using TamRl.Upscale.IO.Gdal;

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

    /// <summary>
    /// The independent reference for MOD13A2 EVI on the 10 x 7 cells of 0.05 degree over 79.0-78.5 W, 42.75-43.1 N: the
    /// request's band <paramref name="band"/> (1-based) with the VI Quality rule applied by gdal_calc (bit 1 clear: MODLAND_QA
    /// 00 or 01) and averaged by gdalwarp -r average; -9 where no pixel is kept. Row-major, north first.
    /// </summary>
    public static double[] Mod13EviKeptAverage(TempDirectory dir, int band)
    {
        string Sds(string name) => $"NETCDF:\"{Mod13AppEears}\":{name}";
        ExternalTool.RunOk("gdal_translate", "-q", "-b", $"{band}", "-unscale", "-ot", "Float32", Sds("_1_km_16_days_EVI"), dir.File("evi.tif"));
        ExternalTool.RunOk("gdal_translate", "-q", "-b", $"{band}", Sds("_1_km_16_days_VI_Quality"), dir.File("qa.tif"));
        ExternalTool.RunOk("gdal_calc.py", "--quiet", "-A", dir.File("evi.tif"), "-B", dir.File("qa.tif"), $"--outfile={dir.File("kept.tif")}",
            "--NoDataValue=-9", "--type=Float32", "--calc=where(((B & 2) == 0) & (A > -0.25), A, -9)");
        ExternalTool.RunOk("gdalwarp", "-q", "-of", "GTiff", "-t_srs", "EPSG:4326", "-te", "-79.0", "42.75", "-78.5", "43.1", "-ts", "10", "7",
            "-r", "average", "-srcnodata", "-9", "-dstnodata", "-9", dir.File("kept.tif"), dir.File("average.tif"));
        using var reference = GdalRaster.Open(dir.File("average.tif"));
        return reference.ReadBand(1);
    }

    /// <summary>The GDAL subdataset name of an SDS of the MCD15A2H tile.</summary>
    public static string Mcd15Sds(string sds) => $"HDF4_EOS:EOS_GRID:\"{Mcd15Tile}\":MOD_Grid_MOD15A2H:{sds}";
}
