using Microsoft.Win32.SafeHandles;

namespace TamRl.Upscale.IO.Gdal.Native;

/// <summary>Owns a GDALMDArrayH (multidimensional API).</summary>
internal sealed class GdalMdArrayHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    internal GdalMdArrayHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        lock (NativeLocks.HdfFamily) // closing can flush through libnetcdf/libhdf5
            GdalNative.GDALMDArrayRelease(handle);
        return true;
    }
}
