namespace TamRl.Upscale.IO;

/// <summary>
/// The one lock around every call into the HDF family of native libraries. Debian builds netCDF-C and
/// HDF5 without thread safety, and GDAL reaches the very same libnetcdf and libhdf5 through its netCDF,
/// HDF5 and HDF4 drivers. A lock per binding is not enough: a GDAL read on one thread and a netCDF write
/// on another corrupt HDF5's global state (seen in this project's own test run as "NetCDF: HDF error" on
/// files written while GDAL tests ran in parallel). So <see cref="NetCdf.NetCdfFile"/> and the GDAL
/// dataset wrappers (open, read, close) all take this lock; GDAL work that never touches those drivers
/// (building a COG from the in-memory driver) does not.
/// </summary>
internal static class NativeLocks
{
    public static readonly object HdfFamily = new();
}
