using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>CRS definitions through GDAL/PROJ's OSR API.</summary>
internal static class SpatialReferences
{
    /// <summary>The WKT of an EPSG code, as GDAL writes it into files (OSRExportToWkt).</summary>
    internal static string WktFromEpsg(int epsg)
    {
        _ = GdalEnvironment.Current;
        var srs = GdalNative.OSRNewSpatialReference(null);
        try
        {
            GdalErrors.Reset();
            if (GdalNative.OSRImportFromEPSG(srs, epsg) != 0)
                throw new ArgumentException($"EPSG:{epsg} is not a CRS GDAL knows: {GdalErrors.Failure($"EPSG:{epsg}", null, "import").GdalMessage}", nameof(epsg));
            if (GdalNative.OSRExportToWkt(srs, out var wktPointer) != 0)
                throw new InvalidOperationException($"GDAL could not export EPSG:{epsg} to WKT.");
            try
            {
                return GdalNative.Utf8(wktPointer) ?? "";
            }
            finally
            {
                GdalNative.VSIFree(wktPointer); // allocated by GDAL for us
            }
        }
        finally
        {
            GdalNative.OSRDestroySpatialReference(srs);
        }
    }
}
