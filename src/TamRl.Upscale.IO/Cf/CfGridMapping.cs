using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// How a stored latitude-longitude layout maps onto the canonical <see cref="RegularLatLonGrid"/>:
/// whether rows are flipped (stored south to north), whether columns are flipped (stored east to west),
/// and by how many columns they are rolled (0..360 longitudes moved to -180..180). Reorders blocks of
/// values accordingly.
/// </summary>
public sealed class CfGridMapping
{
    internal CfGridMapping(RegularLatLonGrid grid, bool flipLatitude, bool flipLongitude, int longitudeRoll)
    {
        Grid = grid;
        FlipLatitude = flipLatitude;
        FlipLongitude = flipLongitude;
        LongitudeRoll = longitudeRoll;
    }

    /// <summary>The canonical grid: north to south, west to east, centres in [-180, 180].</summary>
    public RegularLatLonGrid Grid { get; }

    /// <summary>Whether stored rows run south to north (canonical row r is stored row Rows-1-r).</summary>
    public bool FlipLatitude { get; }

    /// <summary>Whether stored columns run east to west (applied before the roll).</summary>
    public bool FlipLongitude { get; }

    /// <summary>
    /// Canonical column c is column (c + roll) mod Columns of the west-to-east stored order: for ERA5's
    /// 0..359.75 longitudes the roll is 720, so the 180° column (-180 once wrapped) comes first.
    /// </summary>
    public int LongitudeRoll { get; }

    public bool IsIdentity => !FlipLatitude && !FlipLongitude && LongitudeRoll == 0;

    /// <summary>The stored row holding canonical row <paramref name="canonicalRow"/>.</summary>
    public int SourceRow(int canonicalRow) => FlipLatitude ? Grid.Rows - 1 - canonicalRow : canonicalRow;

    /// <summary>The stored column holding canonical column <paramref name="canonicalColumn"/>.</summary>
    public int SourceColumn(int canonicalColumn)
    {
        var ascending = (canonicalColumn + LongitudeRoll) % Grid.Columns;
        return FlipLongitude ? Grid.Columns - 1 - ascending : ascending;
    }

    /// <summary>
    /// A new array holding <paramref name="source"/> in canonical order. The source is row-major
    /// [..., lat, lon] as stored: any number of leading dimensions (time, level) followed by the stored
    /// latitude and longitude dimensions; its length must be a multiple of Rows x Columns.
    /// </summary>
    public double[] ToCanonical(ReadOnlySpan<double> source)
    {
        var destination = new double[source.Length];
        ToCanonical(source, destination);
        return destination;
    }

    /// <summary>As <see cref="ToCanonical(ReadOnlySpan{double})"/>, into a destination of the same length (not overlapping the source).</summary>
    public void ToCanonical(ReadOnlySpan<double> source, Span<double> destination)
    {
        int rows = Grid.Rows, columns = Grid.Columns;
        var plane = (long)rows * columns;
        if (source.Length % plane != 0)
            throw new ArgumentException($"A block of {source.Length} values is not a whole number of {rows} x {columns} grids.", nameof(source));
        if (destination.Length != source.Length)
            throw new ArgumentException("Source and destination lengths differ.", nameof(destination));
        for (long offset = 0; offset < source.Length; offset += plane)
        {
            for (var r = 0; r < rows; r++)
            {
                var from = source.Slice((int)(offset + (long)SourceRow(r) * columns), columns);
                var to = destination.Slice((int)(offset + (long)r * columns), columns);
                if (!FlipLongitude)
                {
                    // Two contiguous runs: stored columns roll..end, then 0..roll.
                    from[LongitudeRoll..].CopyTo(to);
                    from[..LongitudeRoll].CopyTo(to[(columns - LongitudeRoll)..]);
                }
                else
                {
                    for (var c = 0; c < columns; c++)
                        to[c] = from[SourceColumn(c)];
                }
            }
        }
    }
}
