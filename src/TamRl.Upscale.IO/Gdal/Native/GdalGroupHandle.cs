using Microsoft.Win32.SafeHandles;

namespace TamRl.Upscale.IO.Gdal.Native;

/// <summary>Owns a GDALGroupH (multidimensional API).</summary>
internal sealed class GdalGroupHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    internal GdalGroupHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        lock (NativeLocks.HdfFamily) // closing can flush through libnetcdf/libhdf5
            GdalNative.GDALGroupRelease(handle);
        return true;
    }
}
