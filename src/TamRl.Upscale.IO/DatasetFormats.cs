using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.IO;

/// <summary>The engines TamRl.Upscale reads a dataset with.</summary>
public enum DatasetKind
{
    /// <summary>NetCDF-3 or NetCDF-4 (HDF5) file, read with netCDF-C.</summary>
    NetCdf,

    /// <summary>A Zarr store (a folder): v2 and GDAL's draft v3 through GDAL, final v3 through <see cref="Zarr.ZarrV3Dataset"/>.</summary>
    Zarr,

    /// <summary>Any other raster GDAL reads (GeoTIFF, HDF4...), read with GDAL's raster API.</summary>
    GdalRaster,

    /// <summary>A GRIB1/GRIB2 file (starts with "GRIB"), read as arrays by <see cref="Grib.GribDataset"/> through GDAL's GRIB driver.</summary>
    Grib,
}

/// <summary>Tells which engine reads a path, by content rather than by extension.</summary>
public static class DatasetFormats
{
    public static DatasetKind Detect(string path)
    {
        if (Directory.Exists(path))
        {
            if (File.Exists(Path.Combine(path, ".zgroup")) || File.Exists(Path.Combine(path, ".zarray")) ||
                File.Exists(Path.Combine(path, "zarr.json")))
                return DatasetKind.Zarr;
            throw new Core.Errors.InvalidInputException(path, null, "a folder that is not a Zarr store (no .zgroup, .zarray or zarr.json)");
        }
        if (!File.Exists(path))
            return DatasetKind.GdalRaster; // GDAL names such as HDF4_EOS:EOS_GRID:"f.hdf":grid:field are not files
        Span<byte> magic = stackalloc byte[8];
        using (var stream = File.OpenRead(path))
            magic = magic[..stream.Read(magic)];
        var isNetCdf3 = magic.Length >= 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && magic[3] is 1 or 2 or 5;
        var isHdf5 = magic.Length >= 8 && magic[0] == 0x89 && magic[1] == 'H' && magic[2] == 'D' && magic[3] == 'F';
        var isGrib = magic.Length >= 4 && magic[0] == 'G' && magic[1] == 'R' && magic[2] == 'I' && magic[3] == 'B';
        return isNetCdf3 || isHdf5 ? DatasetKind.NetCdf : isGrib ? DatasetKind.Grib : DatasetKind.GdalRaster;
    }

    /// <summary>Opens a NetCDF file, Zarr store or GRIB file as an engine-neutral <see cref="IArrayDataset"/>.</summary>
    public static IArrayDataset OpenArrays(string path) => Detect(path) switch
    {
        DatasetKind.NetCdf => NetCdfFile.Open(path),
        DatasetKind.Zarr => Zarr.ZarrStore.Open(path),
        DatasetKind.Grib => Grib.GribDataset.Open(path),
        _ => throw new Core.Errors.InvalidInputException(path, null, "not a NetCDF file, Zarr store or GRIB file"),
    };
}
