namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// GDAL's affine geotransform: world X = OriginX + column * PixelWidth + row * RowRotation, world Y =
/// OriginY + column * ColumnRotation + row * PixelHeight, where (column, row) = (0, 0) is the
/// <b>outer corner</b> of the top-left cell (pixel-is-area), never its centre.
/// </summary>
public readonly record struct GeoTransform(
    double OriginX,
    double PixelWidth,
    double RowRotation,
    double OriginY,
    double ColumnRotation,
    double PixelHeight)
{
    /// <summary>
    /// A north-up grid whose top-left cell has its outer corner at (<paramref name="west"/>,
    /// <paramref name="north"/>), cells <paramref name="dx"/> wide and <paramref name="dy"/> tall (both
    /// positive; rows go south, so the stored pixel height is -dy).
    /// </summary>
    public static GeoTransform FromCorner(double west, double north, double dx, double dy)
    {
        if (!(dx > 0) || !(dy > 0))
            throw new ArgumentOutOfRangeException(nameof(dx), $"Cell sizes must be positive, got dx={dx}, dy={dy}.");
        return new GeoTransform(west, dx, 0, north, 0, -dy);
    }

    /// <summary>
    /// The global lat/lon grid at <paramref name="resolutionDegrees"/>: corner (-180, 90), square cells,
    /// <see cref="GlobalGridSize"/> columns and rows. The resolution must divide 180 degrees exactly.
    /// </summary>
    public static GeoTransform ForGlobalGrid(double resolutionDegrees)
    {
        _ = GlobalGridSize(resolutionDegrees);
        return FromCorner(-180, 90, resolutionDegrees, resolutionDegrees);
    }

    /// <summary>(columns, rows) of the global grid at <paramref name="resolutionDegrees"/>, e.g. (720, 360) at 0.5.</summary>
    public static (int Width, int Height) GlobalGridSize(double resolutionDegrees)
    {
        if (!(resolutionDegrees > 0) || resolutionDegrees > 180)
            throw new ArgumentOutOfRangeException(nameof(resolutionDegrees), resolutionDegrees, "Resolution must be in (0, 180] degrees.");
        var rows = 180 / resolutionDegrees;
        var rounded = Math.Round(rows);
        if (Math.Abs(rows - rounded) > 1e-9 * rounded)
            throw new ArgumentOutOfRangeException(nameof(resolutionDegrees), resolutionDegrees, "Resolution must divide 180 degrees into a whole number of rows.");
        return ((int)(2 * rounded), (int)rounded);
    }

    /// <summary>The six coefficients in GDAL's order.</summary>
    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>From GDAL's six coefficients.</summary>
    public static GeoTransform FromArray(IReadOnlyList<double> c)
    {
        if (c.Count != 6)
            throw new ArgumentException($"A geotransform has 6 coefficients, got {c.Count}.", nameof(c));
        return new GeoTransform(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /// <summary>World coordinates of the centre of cell (<paramref name="column"/>, <paramref name="row"/>).</summary>
    public (double X, double Y) CellCenter(int column, int row)
    {
        double c = column + 0.5, r = row + 0.5;
        return (OriginX + c * PixelWidth + r * RowRotation, OriginY + c * ColumnRotation + r * PixelHeight);
    }
}
