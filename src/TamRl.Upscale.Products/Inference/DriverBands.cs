using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// The drivers of a chunk's land pixels, read one band of grid rows at a time as the batches walk
/// through them, so a chunk holds one band's drivers rather than its whole tile's: a tile's land share
/// grows as the grid gets finer (a 0.5 degree tile of Siberia is all land, no 2 degree tile is), and
/// with it the drivers of a whole tile; a band's stay a fixed slice of it.
/// <para>
/// Bands are <see cref="BandRows"/> grid rows, aligned to the driver cube's spatial chunks, so every
/// chunk of the cube is still decompressed once per chunk of inference. Batches are unchanged: the land
/// pixels in row-major order, <see cref="MemoryBudget.BatchPixels"/> at a time, a batch may straddle two bands.
/// </para>
/// </summary>
internal sealed class DriverBands
{
    /// <summary>Grid rows per band: the driver cube's spatial chunk.</summary>
    public const int BandRows = DriverCubeLayout.SpatialChunk;

    private readonly IDriverCube _cube;
    private readonly IReadOnlyList<(int Row, int Column)> _cells;
    private readonly DatePeriod _period;
    private readonly int _values; // floats per pixel: days x features
    private readonly List<int> _bandStarts = new(); // index into _cells of each band's first pixel, then the end
    private int _band = -1;
    private float[]? _buffer; // the current band's drivers, [pixel, day, feature]

    /// <param name="cells">The chunk's land pixels, row-major (grid row, column).</param>
    public DriverBands(IDriverCube cube, IReadOnlyList<(int Row, int Column)> cells, DatePeriod period)
    {
        _cube = cube;
        _cells = cells;
        _period = period;
        _values = period.Days * cube.Features.Count;
        for (var i = 0; i < cells.Count; i++)
            if (i == 0 || cells[i].Row / BandRows != cells[i - 1].Row / BandRows)
                _bandStarts.Add(i);
        _bandStarts.Add(cells.Count);
    }

    /// <summary>Bands read so far (for tests).</summary>
    public int BandsRead { get; private set; }

    /// <summary>The most pixels one band held (for tests).</summary>
    public int LargestBand { get; private set; }

    /// <summary>Copies the drivers of pixels <paramref name="first"/>.. (<paramref name="count"/> of them) into <paramref name="destination"/>, [pixel, day, feature]; pixels must be asked for in order.</summary>
    public void CopyTo(int first, int count, Span<float> destination)
    {
        var i = first;
        while (i < first + count)
        {
            while (_band < 0 || i >= _bandStarts[_band + 1])
                Load(_band + 1);
            if (i < _bandStarts[_band])
                throw new InvalidOperationException($"pixel {i} was asked for after its band was released");
            var n = Math.Min(first + count, _bandStarts[_band + 1]) - i;
            _buffer.AsSpan((i - _bandStarts[_band]) * _values, n * _values).CopyTo(destination[((i - first) * _values)..]);
            i += n;
        }
    }

    private void Load(int band)
    {
        _band = band;
        var (start, end) = (_bandStarts[band], _bandStarts[band + 1]);
        var cells = new (int Row, int Column)[end - start];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = _cells[start + i];
        // One buffer, sized to the largest band, for all of them: a band's drivers are tens of MB, which
        // the GC would otherwise leave behind in the large object heap band after band.
        _buffer ??= new float[(long)LargestBandPixels() * _values];
        var drivers = _buffer.AsSpan(0, cells.Length * _values);
        _cube.ReadSeries(cells, _period.First, _period.Days, drivers);
        for (var i = 0; i < drivers.Length; i++)
            if (!float.IsFinite(drivers[i]))
            {
                var features = _cube.Features.Count;
                var (row, column) = cells[i / _values];
                throw GapOverLand(_cube.Features[i % features], row, column, _period.DateOf(i / features % _period.Days));
            }
        BandsRead++;
        LargestBand = Math.Max(LargestBand, cells.Length);
    }

    private int LargestBandPixels()
    {
        var largest = 0;
        for (var b = 0; b + 1 < _bandStarts.Count; b++)
            largest = Math.Max(largest, _bandStarts[b + 1] - _bandStarts[b]);
        return largest;
    }

    private InvalidInputException GapOverLand(string feature, int row, int column, DateOnly date) =>
        new(_cube.Location, feature,
            $"no value over land at row {row}, column {column} (lat {_cube.Grid.LatitudeOfRow(row):F3}, lon {_cube.Grid.LongitudeOfColumn(column):F3}) on {date:yyyy-MM-dd}; the driver cube must be gap-free over land");
}
