using Microsoft.Win32.SafeHandles;

namespace TamRl.Upscale.IO.Gdal.Native;

/// <summary>Owns a GDALDatasetH; closing it flushes pending writes (GDALClose).</summary>
internal sealed class GdalDatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GdalDatasetHandle() : base(ownsHandle: true) { }

    internal GdalDatasetHandle(IntPtr handle) : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle()
    {
        lock (NativeLocks.HdfFamily) // closing can flush through libnetcdf/libhdf5
            GdalNative.GDALClose(handle);
        return true;
    }
}
