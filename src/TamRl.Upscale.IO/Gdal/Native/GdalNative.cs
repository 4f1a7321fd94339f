using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.Gdal.Native;

/// <summary>
/// Every GDAL C entry point this project calls, in one place (GDAL 3.6 ABI, <c>libgdal.so.32</c>).
/// Rules followed throughout: strings GDAL owns come back as <see cref="IntPtr"/> and are copied with
/// <see cref="Marshal.PtrToStringUTF8(IntPtr)"/>; strings GDAL allocates for us are released with
/// <see cref="VSIFree"/>; <c>char**</c> lists are built with <see cref="CSLSetNameValue"/> (which may
/// reallocate, so the result is always reassigned) and released with <see cref="CSLDestroy"/>.
/// Nothing here checks errors: callers go through <see cref="GdalErrors"/>.
/// </summary>
internal static partial class GdalNative
{
    private const string Lib = "gdal";

    // GDALOpenEx flags (gdal.h).
    internal const uint OfReadOnly = 0x00;
    internal const uint OfRaster = 0x02;
    internal const uint OfMultidimRaster = 0x10;
    internal const uint OfVerboseError = 0x40;

    // CPLErr.
    internal const int CeNone = 0;
    internal const int CeDebug = 1;
    internal const int CeWarning = 2;
    internal const int CeFailure = 3;
    internal const int CeFatal = 4;

    // GDALRWFlag.
    internal const int GfRead = 0;
    internal const int GfWrite = 1;

    // GDALExtendedDataTypeClass.
    internal const int GedtcNumeric = 0;
    internal const int GedtcString = 1;
    internal const int GedtcCompound = 2;

    static GdalNative() => NativeLibraries.EnsureResolver();

    // --- Library set-up, errors, configuration -------------------------------------------------

    [LibraryImport(Lib)] internal static partial void GDALAllRegister();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALVersionInfo(string request);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr CPLSetErrorHandler(delegate* unmanaged[Cdecl]<int, int, IntPtr, void> handler);

    [LibraryImport(Lib)] internal static partial void CPLErrorReset();
    [LibraryImport(Lib)] internal static partial int CPLGetLastErrorType();
    [LibraryImport(Lib)] internal static partial int CPLGetLastErrorNo();
    [LibraryImport(Lib)] internal static partial IntPtr CPLGetLastErrorMsg();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetConfigOption(string key, string? value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr CPLGetConfigOption(string key, string? defaultValue);

    [LibraryImport(Lib)] internal static partial void VSIFree(IntPtr pointer);

    [LibraryImport(Lib)] internal static partial void GDALSetCacheMax64(long bytes);
    [LibraryImport(Lib)] internal static partial long GDALGetCacheMax64();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr CSLSetNameValue(IntPtr list, string name, string value);

    [LibraryImport(Lib)] internal static partial void CSLDestroy(IntPtr list);

    // --- Datasets, drivers, metadata -----------------------------------------------------------

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALOpenEx(string path, uint flags, IntPtr allowedDrivers, IntPtr openOptions, IntPtr siblingFiles);

    /// <summary>Void in GDAL 3.6 (it returns CPLErr from 3.7): close errors are read from the error state.</summary>
    [LibraryImport(Lib)] internal static partial void GDALClose(IntPtr dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALGetDriverByName(string name);

    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDatasetDriver(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDriverShortName(IntPtr driver);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALCreate(IntPtr driver, string path, int width, int height, int bands, int dataType, IntPtr options);

    // SetLastError: errno after a failed copy tells a full disk (ENOSPC) from other write errors; GDAL only says "Write error".
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial IntPtr GDALCreateCopy(IntPtr driver, string path, IntPtr source, int strict, IntPtr options, IntPtr progress, IntPtr progressData);

    [LibraryImport(Lib)] internal static partial int GDALGetRasterXSize(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterYSize(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterCount(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial int GDALGetGeoTransform(IntPtr dataset, [Out] double[] transform);
    [LibraryImport(Lib)] internal static partial int GDALSetGeoTransform(IntPtr dataset, [In] double[] transform);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetProjectionRef(IntPtr dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetProjection(IntPtr dataset, string wkt);

    /// <summary>Works on any GDALMajorObjectH (dataset or band). The list stays owned by the object.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALGetMetadata(IntPtr majorObject, string? domain);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetMetadataItem(IntPtr majorObject, string name, string value, string? domain);

    [LibraryImport(Lib)] internal static partial IntPtr GDALGetDescription(IntPtr majorObject);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void GDALSetDescription(IntPtr majorObject, string description);

    // --- Bands ---------------------------------------------------------------------------------

    [LibraryImport(Lib)] internal static partial IntPtr GDALGetRasterBand(IntPtr dataset, int band);
    [LibraryImport(Lib)] internal static partial int GDALGetRasterDataType(IntPtr band);
    [LibraryImport(Lib)] internal static partial void GDALGetBlockSize(IntPtr band, out int xSize, out int ySize);
    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterNoDataValue(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterNoDataValue(IntPtr band, double value);
    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterScale(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterScale(IntPtr band, double scale);
    [LibraryImport(Lib)] internal static unsafe partial double GDALGetRasterOffset(IntPtr band, int* success);
    [LibraryImport(Lib)] internal static partial int GDALSetRasterOffset(IntPtr band, double offset);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGetRasterUnitType(IntPtr band);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetRasterUnitType(IntPtr band, string unit);

    [LibraryImport(Lib)]
    internal static unsafe partial int GDALRasterIO(IntPtr band, int rwFlag, int xOff, int yOff, int xSize, int ySize,
        void* buffer, int bufXSize, int bufYSize, int bufType, int pixelSpace, int lineSpace);

    /// <summary>Adds a band to a dataset; the MEM driver's DATAPOINTER option makes it use the caller's memory (no copy).</summary>
    [LibraryImport(Lib)] internal static partial int GDALAddBand(IntPtr dataset, int dataType, IntPtr options);

    // --- Warper (gdal_utils.h: the library form of gdalwarp) --------------------------------------

    /// <summary>Parses gdalwarp's command-line options (a CSL list); free with <see cref="GDALWarpAppOptionsFree"/>.</summary>
    [LibraryImport(Lib)] internal static partial IntPtr GDALWarpAppOptionsNew(IntPtr argv, IntPtr optionsForBinary);

    [LibraryImport(Lib)] internal static partial void GDALWarpAppOptionsFree(IntPtr options);

    /// <summary>Warps the sources into a new dataset (destination handle zero) or into <paramref name="destination"/>.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial IntPtr GDALWarp(string destinationPath, IntPtr destination, int sourceCount, IntPtr* sources, IntPtr options, out int usageError);

    /// <summary>Appends a string to a CSL list (may reallocate: always reassign).</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr CSLAddString(IntPtr list, string value);

    // --- Spatial reference ---------------------------------------------------------------------

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr OSRNewSpatialReference(string? wkt);

    [LibraryImport(Lib)] internal static partial int OSRImportFromEPSG(IntPtr srs, int epsg);
    [LibraryImport(Lib)] internal static partial int OSRExportToWkt(IntPtr srs, out IntPtr wkt);
    [LibraryImport(Lib)] internal static partial void OSRDestroySpatialReference(IntPtr srs);

    /// <summary>OAMS_TRADITIONAL_GIS_ORDER: longitude first, whatever the CRS's own axis order (EPSG:4326 is latitude first in PROJ 9).</summary>
    internal const int OamsTraditionalGisOrder = 0;

    [LibraryImport(Lib)] internal static partial void OSRSetAxisMappingStrategy(IntPtr srs, int strategy);
    [LibraryImport(Lib)] internal static partial IntPtr OCTNewCoordinateTransformation(IntPtr source, IntPtr target);
    [LibraryImport(Lib)] internal static partial void OCTDestroyCoordinateTransformation(IntPtr transformation);

    /// <summary>Transforms points in place; <paramref name="success"/> gets one flag per point (a point off the projection's domain fails alone).</summary>
    [LibraryImport(Lib)]
    internal static unsafe partial int OCTTransformEx(IntPtr transformation, int count, double* x, double* y, double* z, int* success);

    // --- Multidimensional API (gdal.h, GDAL >= 3.1) ---------------------------------------------

    [LibraryImport(Lib)] internal static partial IntPtr GDALDatasetGetRootGroup(IntPtr dataset);
    [LibraryImport(Lib)] internal static partial void GDALGroupRelease(IntPtr group);

    /// <summary>Returns a CSL list to free with <see cref="CSLDestroy"/>.</summary>
    [LibraryImport(Lib)] internal static partial IntPtr GDALGroupGetMDArrayNames(IntPtr group, IntPtr options);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr GDALGroupOpenMDArray(IntPtr group, string name, IntPtr options);

    [LibraryImport(Lib)] internal static partial IntPtr GDALGroupGetDimensions(IntPtr group, out nuint count, IntPtr options);
    [LibraryImport(Lib)] internal static partial IntPtr GDALGroupGetAttributes(IntPtr group, out nuint count, IntPtr options);

    [LibraryImport(Lib)] internal static partial void GDALMDArrayRelease(IntPtr array);
    [LibraryImport(Lib)] internal static partial IntPtr GDALMDArrayGetDimensions(IntPtr array, out nuint count);
    [LibraryImport(Lib)] internal static partial IntPtr GDALMDArrayGetDataType(IntPtr array);
    [LibraryImport(Lib)] internal static partial IntPtr GDALMDArrayGetAttributes(IntPtr array, out nuint count, IntPtr options);
    [LibraryImport(Lib)] internal static partial double GDALMDArrayGetNoDataValueAsDouble(IntPtr array, out int hasNoData);
    [LibraryImport(Lib)] internal static partial double GDALMDArrayGetScale(IntPtr array, out int hasValue);
    [LibraryImport(Lib)] internal static partial double GDALMDArrayGetOffset(IntPtr array, out int hasValue);
    [LibraryImport(Lib)] internal static partial IntPtr GDALMDArrayGetUnit(IntPtr array);

    [LibraryImport(Lib)]
    internal static unsafe partial int GDALMDArrayRead(IntPtr array, ulong* startIndex, nuint* count, long* step,
        nint* bufferStride, IntPtr bufferDataType, void* destination, void* destinationAllocStart, nuint destinationAllocSize);

    /// <summary>Releases the array returned by the *GetDimensions functions and each dimension in it.</summary>
    [LibraryImport(Lib)] internal static partial void GDALReleaseDimensions(IntPtr dimensions, nuint count);
    [LibraryImport(Lib)] internal static partial IntPtr GDALDimensionGetName(IntPtr dimension);
    [LibraryImport(Lib)] internal static partial ulong GDALDimensionGetSize(IntPtr dimension);

    /// <summary>Releases the array returned by the *GetAttributes functions and each attribute in it.</summary>
    [LibraryImport(Lib)] internal static partial void GDALReleaseAttributes(IntPtr attributes, nuint count);
    [LibraryImport(Lib)] internal static partial IntPtr GDALAttributeGetName(IntPtr attribute);
    [LibraryImport(Lib)] internal static partial IntPtr GDALAttributeGetDataType(IntPtr attribute);
    [LibraryImport(Lib)] internal static partial ulong GDALAttributeGetTotalElementsCount(IntPtr attribute);

    /// <summary>The first value as text; the string stays owned by the attribute.</summary>
    [LibraryImport(Lib)] internal static partial IntPtr GDALAttributeReadAsString(IntPtr attribute);

    /// <summary>All values as doubles in a buffer to free with <see cref="VSIFree"/> (CPLFree).</summary>
    [LibraryImport(Lib)] internal static partial IntPtr GDALAttributeReadAsDoubleArray(IntPtr attribute, out nuint count);

    [LibraryImport(Lib)] internal static partial IntPtr GDALExtendedDataTypeCreate(int numericType);
    [LibraryImport(Lib)] internal static partial void GDALExtendedDataTypeRelease(IntPtr dataType);
    [LibraryImport(Lib)] internal static partial int GDALExtendedDataTypeGetClass(IntPtr dataType);
    [LibraryImport(Lib)] internal static partial int GDALExtendedDataTypeGetNumericDataType(IntPtr dataType);

    // --- Helpers for strings and lists ---------------------------------------------------------

    /// <summary>Copies a GDAL-owned UTF-8 string; null pointer becomes null.</summary>
    internal static string? Utf8(IntPtr pointer) => pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer);

    /// <summary>Copies a NULL-terminated <c>char**</c> (CSL) list, leaving ownership unchanged.</summary>
    internal static List<string> ReadStringList(IntPtr list)
    {
        var result = new List<string>();
        if (list == IntPtr.Zero)
            return result;
        for (var i = 0; ; i++)
        {
            var item = Marshal.ReadIntPtr(list, i * IntPtr.Size);
            if (item == IntPtr.Zero)
                return result;
            result.Add(Marshal.PtrToStringUTF8(item) ?? "");
        }
    }
}
