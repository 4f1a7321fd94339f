namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// A georeferenced float32 raster held in memory, ready to be written: size, geotransform (corner-based,
/// pixel-is-area), a CRS given as an EPSG code (EPSG:4326 by default), one nodata value for every band,
/// the bands and dataset metadata items.
/// </summary>
public sealed class FloatRaster
{
    public FloatRaster(int width, int height, GeoTransform geoTransform, float noData, IReadOnlyList<FloatBand> bands)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Raster size must be positive, got {width} x {height}.");
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
            throw new ArgumentException("A raster needs at least one band.", nameof(bands));
        for (var i = 0; i < bands.Count; i++)
            if (bands[i].Values.LongLength != (long)width * height)
                throw new ArgumentException($"Band {i + 1} has {bands[i].Values.LongLength} values; a {width} x {height} raster needs {(long)width * height}.", nameof(bands));
        Width = width;
        Height = height;
        GeoTransform = geoTransform;
        NoData = noData;
        Bands = bands;
    }

    public int Width { get; }

    public int Height { get; }

    public GeoTransform GeoTransform { get; }

    /// <summary>The nodata value of every band (NaN allowed).</summary>
    public float NoData { get; }

    public IReadOnlyList<FloatBand> Bands { get; }

    /// <summary>The CRS as an EPSG code; 4326 (WGS 84 lat/lon) unless set.</summary>
    public int EpsgCode { get; init; } = 4326;

    /// <summary>Dataset metadata items (default domain). AREA_OR_POINT is always written as Area.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
