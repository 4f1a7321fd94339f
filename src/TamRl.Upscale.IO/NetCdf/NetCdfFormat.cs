namespace TamRl.Upscale.IO.NetCdf;

/// <summary>On-disk formats netCDF-C writes (values as nc_inq_format reports them).</summary>
public enum NetCdfFormat
{
    /// <summary>NetCDF-3 classic (CDF-1).</summary>
    Classic = 1,

    /// <summary>NetCDF-3 64-bit offset (CDF-2).</summary>
    Offset64 = 2,

    /// <summary>NetCDF-4 (HDF5-based): groups, unsigned and 64-bit types, strings, compression, chunking.</summary>
    NetCdf4 = 3,

    /// <summary>NetCDF-4 storage restricted to the classic data model.</summary>
    NetCdf4Classic = 4,

    /// <summary>NetCDF-3 64-bit data (CDF-5).</summary>
    Data64 = 5,
}
