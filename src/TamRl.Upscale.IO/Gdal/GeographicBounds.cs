using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// The longitude-latitude box a projected raster covers, found by transforming points along its four
/// edges with PROJ (through GDAL's OSR): a sinusoidal tile's widest longitudes lie at its corners, an
/// Albers block's extreme latitudes mid-edge, so edges are sampled densely rather than corners only.
/// Points outside the projection's domain (a sinusoidal tile's corners beyond the globe) are skipped.
/// </summary>
public static class GeographicBounds
{
    private const int PointsPerEdge = 65;

    /// <summary>(west, south, east, north) in degrees, or null when no edge point lies on the globe.</summary>
    public static unsafe (double West, double South, double East, double North)? Of(string projectionWkt, GeoTransform transform, int width, int height)
    {
        lock (NativeLocks.HdfFamily)
        {
            _ = GdalEnvironment.Current;
            var source = GdalNative.OSRNewSpatialReference(projectionWkt);
            var target = GdalNative.OSRNewSpatialReference(null);
            var transformation = IntPtr.Zero;
            try
            {
                GdalErrors.Reset();
                if (source == IntPtr.Zero || GdalNative.OSRImportFromEPSG(target, 4326) != 0)
                    throw GdalErrors.Failure("EPSG:4326", null, "cannot build the CRS pair");
                GdalNative.OSRSetAxisMappingStrategy(source, GdalNative.OamsTraditionalGisOrder);
                GdalNative.OSRSetAxisMappingStrategy(target, GdalNative.OamsTraditionalGisOrder);
                transformation = GdalNative.OCTNewCoordinateTransformation(source, target);
                if (transformation == IntPtr.Zero)
                    throw GdalErrors.Failure("EPSG:4326", null, "no transformation from the raster's CRS");
                var count = 4 * PointsPerEdge;
                var x = new double[count];
                var y = new double[count];
                var z = new double[count];
                var ok = new int[count];
                for (var i = 0; i < PointsPerEdge; i++)
                {
                    var f = (double)i / (PointsPerEdge - 1);
                    Set(i, f * width, 0);
                    Set(PointsPerEdge + i, f * width, height);
                    Set(2 * PointsPerEdge + i, 0, f * height);
                    Set(3 * PointsPerEdge + i, width, f * height);
                }
                fixed (double* px = x, py = y, pz = z)
                fixed (int* pok = ok)
                    GdalNative.OCTTransformEx(transformation, count, px, py, pz, pok);
                GdalErrors.Reset(); // failures of single points are expected at the globe's edge
                double west = double.PositiveInfinity, east = double.NegativeInfinity, south = double.PositiveInfinity, north = double.NegativeInfinity;
                for (var i = 0; i < count; i++)
                {
                    if (ok[i] == 0 || !double.IsFinite(x[i]) || !double.IsFinite(y[i]) || Math.Abs(x[i]) > 180 + 1e-9 || Math.Abs(y[i]) > 90 + 1e-9)
                        continue;
                    west = Math.Min(west, x[i]);
                    east = Math.Max(east, x[i]);
                    south = Math.Min(south, y[i]);
                    north = Math.Max(north, y[i]);
                }
                return west <= east ? (west, south, east, north) : null;

                void Set(int i, double column, double row)
                {
                    x[i] = transform.OriginX + column * transform.PixelWidth + row * transform.RowRotation;
                    y[i] = transform.OriginY + column * transform.ColumnRotation + row * transform.PixelHeight;
                }
            }
            finally
            {
                if (transformation != IntPtr.Zero)
                    GdalNative.OCTDestroyCoordinateTransformation(transformation);
                if (source != IntPtr.Zero)
                    GdalNative.OSRDestroySpatialReference(source);
                GdalNative.OSRDestroySpatialReference(target);
            }
        }
    }
}
