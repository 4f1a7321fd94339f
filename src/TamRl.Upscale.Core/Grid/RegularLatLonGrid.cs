namespace TamRl.Upscale.Core.Grid;

/// <summary>
/// The canonical description of a regular latitude-longitude grid of cells, the one every stage of
/// the pipeline uses: rows run north to south, columns west to east, cell centres lie in
/// longitudes [-180, 180) and latitudes [-90, 90]. The origin is the outer corner of the first cell
/// (west edge, north edge), as GeoTIFF's pixel-is-area convention wants: (-180, 90) for a global grid
/// whose cells lie between meridians, (-180.125, 90.125) for ERA5's 0.25° grid, whose cell centres
/// sit on the poles and on the 180° meridian.
/// </summary>
public sealed record RegularLatLonGrid
{
    /// <summary>Slack for rounding in the stored coordinates, in degrees.</summary>
    private const double Tolerance = 1e-6;

    /// <param name="rows">Number of latitudes (north to south).</param>
    /// <param name="columns">Number of longitudes (west to east).</param>
    /// <param name="west">West edge of the first column, degrees east.</param>
    /// <param name="north">North edge of the first row, degrees north.</param>
    /// <param name="latitudeResolution">Cell height in degrees, positive.</param>
    /// <param name="longitudeResolution">Cell width in degrees, positive.</param>
    public RegularLatLonGrid(int rows, int columns, double west, double north, double latitudeResolution, double longitudeResolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (!(latitudeResolution > 0 && double.IsFinite(latitudeResolution)))
            throw new ArgumentOutOfRangeException(nameof(latitudeResolution), latitudeResolution, "must be positive and finite");
        if (!(longitudeResolution > 0 && double.IsFinite(longitudeResolution)))
            throw new ArgumentOutOfRangeException(nameof(longitudeResolution), longitudeResolution, "must be positive and finite");
        if (!double.IsFinite(west) || !double.IsFinite(north))
            throw new ArgumentOutOfRangeException(nameof(west), "the origin must be finite");
        Rows = rows;
        Columns = columns;
        West = west;
        North = north;
        LatitudeResolution = latitudeResolution;
        LongitudeResolution = longitudeResolution;
        if (LatitudeOfRow(0) > 90 + Tolerance || LatitudeOfRow(rows - 1) < -90 - Tolerance)
            throw new ArgumentOutOfRangeException(nameof(north), $"cell-centre latitudes {LatitudeOfRow(0)}..{LatitudeOfRow(rows - 1)} leave -90..90");
        if (LongitudeOfColumn(0) < -180 - Tolerance || LongitudeOfColumn(columns - 1) > 180 + Tolerance)
            throw new ArgumentOutOfRangeException(nameof(west), $"cell-centre longitudes {LongitudeOfColumn(0)}..{LongitudeOfColumn(columns - 1)} leave -180..180");
        if (columns * longitudeResolution > 360 + Tolerance)
            throw new ArgumentOutOfRangeException(nameof(columns), "the columns cover more than 360 degrees");
    }

    /// <summary>A global grid of square cells between meridians, origin (-180, 90); the resolution must divide 180.</summary>
    public static RegularLatLonGrid Global(double resolution)
    {
        var rows = (int)Math.Round(180 / resolution);
        if (rows < 1 || Math.Abs(rows * resolution - 180) > Tolerance)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "must divide 180 degrees");
        return new RegularLatLonGrid(rows, 2 * rows, -180, 90, resolution, resolution);
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>West edge of the first column (the origin's x).</summary>
    public double West { get; }

    /// <summary>North edge of the first row (the origin's y).</summary>
    public double North { get; }

    public double LatitudeResolution { get; }

    public double LongitudeResolution { get; }

    public double South => North - Rows * LatitudeResolution;

    public double East => West + Columns * LongitudeResolution;

    /// <summary>Whether the columns go all the way round the globe.</summary>
    public bool IsGlobalInLongitude => Math.Abs(Columns * LongitudeResolution - 360) <= Tolerance;

    /// <summary>Latitude of the centre of a row (row 0 is the northernmost).</summary>
    public double LatitudeOfRow(int row) => North - (row + 0.5) * LatitudeResolution;

    /// <summary>Longitude of the centre of a column (column 0 is the westernmost).</summary>
    public double LongitudeOfColumn(int column) => West + (column + 0.5) * LongitudeResolution;

    /// <summary>Cell-centre latitudes, north to south.</summary>
    public double[] Latitudes() => Enumerable.Range(0, Rows).Select(LatitudeOfRow).ToArray();

    /// <summary>Cell-centre longitudes, west to east.</summary>
    public double[] Longitudes() => Enumerable.Range(0, Columns).Select(LongitudeOfColumn).ToArray();

    /// <summary>The row whose band holds <paramref name="latitude"/> (a row's north edge is its own; may lie outside the grid).</summary>
    public int RowOf(double latitude) => (int)Math.Floor((North - latitude) / LatitudeResolution);

    /// <summary>
    /// The column whose band holds <paramref name="longitude"/> (a column's west edge is its own; may lie outside the grid).
    /// <paramref name="wrap"/>: the longitude is taken modulo 360 east of <see cref="West"/> first (for a global grid).
    /// </summary>
    public int ColumnOf(double longitude, bool wrap = false) =>
        (int)Math.Floor((wrap ? ((longitude - West) % 360 + 360) % 360 : longitude - West) / LongitudeResolution);

    /// <summary>The cell holding a point (<see cref="RowOf"/>, <see cref="ColumnOf"/>); false when it lies outside the grid.</summary>
    public bool TryCellOf(double latitude, double longitude, out int row, out int column, bool wrap = false)
    {
        row = RowOf(latitude);
        column = ColumnOf(longitude, wrap);
        return row >= 0 && row < Rows && column >= 0 && column < Columns;
    }

    /// <summary>The GDAL geotransform: origin at the north-west cell corner, negative row step.</summary>
    public double[] GeoTransform() => [West, LongitudeResolution, 0, North, 0, -LatitudeResolution];

    /// <summary>Whether <paramref name="other"/> has the same cells: shape, origin and resolution, up to rounding in stored coordinates.</summary>
    public bool SameCells(RegularLatLonGrid other) =>
        Rows == other.Rows && Columns == other.Columns && Math.Abs(West - other.West) < Tolerance && Math.Abs(North - other.North) < Tolerance &&
        Math.Abs(LatitudeResolution - other.LatitudeResolution) < 1e-9 && Math.Abs(LongitudeResolution - other.LongitudeResolution) < 1e-9;

    /// <summary>The authalic (equal-area) Earth radius, m: areas on this sphere are true areas of the ellipsoid.</summary>
    public const double AuthalicEarthRadius = 6_371_007.2;

    /// <summary>Cell area per row, m2, on the authalic sphere (every cell of a row has the same area).</summary>
    public double[] RowCellAreas()
    {
        var dLon = LongitudeResolution * Math.PI / 180;
        return Enumerable.Range(0, Rows).Select(r =>
        {
            var north = (North - r * LatitudeResolution) * Math.PI / 180;
            var south = (North - (r + 1) * LatitudeResolution) * Math.PI / 180;
            return AuthalicEarthRadius * AuthalicEarthRadius * dLon * (Math.Sin(north) - Math.Sin(south));
        }).ToArray();
    }
}
