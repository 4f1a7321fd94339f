using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// Reads one time step of a (time, [expver | other length-1 dims], lat, lon) variable of one file, CF-decoded
/// (mask, then this file's own scale/offset) and reordered onto the canonical grid (rows north to south,
/// longitudes -180..180) as float32, NaN where missing.
/// <para>
/// An <c>expver</c> dimension (legacy CDS files mixing final ERA5, expver 1, and preliminary ERA5T,
/// expver 5) is merged: each cell takes the first expver, in stored order, that has a value (ERA5 before
/// ERA5T, as stored); a step where no expver has a value stays NaN.
/// </para>
/// <para>
/// Float variables without packing in a NetCDF file are read as float32 directly (no double round trip):
/// the hot path of hourly aggregation.
/// </para>
/// </summary>
internal sealed class GridStepDecoder
{
    private readonly IArrayDataset _dataset;
    private readonly NetCdfFile? _fastFile;
    private readonly string _variable;
    private readonly CfCoordinates _coordinates;
    private readonly long[] _shape;
    private readonly int _planes;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _sourceRow;
    private readonly int[] _sourceColumn;
    private readonly float[] _planeBuffer;
    private readonly float? _floatFill;

    public GridStepDecoder(IArrayDataset dataset, string variable, CfCoordinates coordinates, CfGridMapping mapping)
    {
        _dataset = dataset;
        _variable = variable;
        _coordinates = coordinates;
        coordinates.RequireLatitudeLongitudeLast();
        var info = dataset.GetVariable(variable);
        _shape = info.Shape.ToArray();
        if (coordinates.Time!.DimensionIndex != 0)
            throw new InvalidInputException(dataset.Path, variable, $"expected time as the first dimension, the dimensions are ({string.Join(", ", info.DimensionNames)})");
        _planes = 1;
        for (var d = 1; d < info.Rank - 2; d++)
        {
            var name = info.DimensionNames[d];
            if (_shape[d] != 1 && !name.Equals("expver", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException(dataset.Path, variable,
                    $"dimension '{name}' of length {_shape[d]} is neither expver nor of length 1; select one level before ingesting");
            _planes *= (int)_shape[d];
        }
        Grid = mapping.Grid;
        _rows = Grid.Rows;
        _columns = Grid.Columns;
        _sourceRow = Enumerable.Range(0, _rows).Select(mapping.SourceRow).ToArray();
        _sourceColumn = Enumerable.Range(0, _columns).Select(mapping.SourceColumn).ToArray();
        _planeBuffer = new float[_planes * _rows * _columns];

        var engine = Era5InputSet.Engine(dataset);
        var scale = CfScaleOffsetCoder.FromVariable(info, dataset.Path);
        var mask = CfMaskCoder.FromVariable(info, dataset.Path);
        if (engine is NetCdfFile nc && info.StorageType == typeof(float) && scale.IsIdentity &&
            mask.MissingValues.Count <= 1 && double.IsNegativeInfinity(mask.ValidMin) && double.IsPositiveInfinity(mask.ValidMax))
        {
            _fastFile = nc;
            _floatFill = mask.MissingValues.Count == 1 ? (float)mask.MissingValues[0] : null;
        }
    }

    public Core.Grid.RegularLatLonGrid Grid { get; }

    public string FilePath => _dataset.Path;

    public string Variable => _variable;

    /// <summary>Values per step as stored: (planes) x Rows x Columns.</summary>
    public int StoredLength => _planeBuffer.Length;

    /// <summary>Decodes step <paramref name="index"/> into <paramref name="destination"/> (canonical order, Rows x Columns).</summary>
    public void Read(long index, Span<float> destination)
    {
        lock (_planeBuffer)
        {
            var stored = ReadStored(index, _planeBuffer);
            Reorder<float>(stored, destination);
        }
    }

    /// <summary>
    /// Decodes step <paramref name="index"/> in the stored row and column order, expver planes merged:
    /// the returned span (the first Rows x Columns values of <paramref name="buffer"/>, which must hold
    /// <see cref="StoredLength"/> values). Aggregations accumulate in this order and reorder once per day.
    /// </summary>
    public Span<float> ReadStored(long index, Span<float> buffer)
    {
        var start = new long[_shape.Length];
        var count = (long[])_shape.Clone();
        start[0] = index;
        count[0] = 1;
        buffer = buffer[.._planeBuffer.Length];
        if (_fastFile is not null)
        {
            _fastFile.Read<float>(_variable, start, count, buffer);
            if (_floatFill is { } fill)
                for (var i = 0; i < buffer.Length; i++)
                    if (buffer[i] == fill)
                        buffer[i] = float.NaN;
        }
        else
        {
            var values = CfVariableDecoder.Read(_dataset, _variable, start, count).Values;
            for (var i = 0; i < values.Length; i++)
                buffer[i] = (float)values[i];
        }
        var plane = _rows * _columns;
        var first = buffer[..plane];
        for (var p = 1; p < _planes; p++)
        {
            var other = buffer.Slice(p * plane, plane);
            for (var i = 0; i < plane; i++)
                if (float.IsNaN(first[i]))
                    first[i] = other[i];
        }
        return first;
    }

    /// <summary>Whether two decoders store their maps in the same row and column order (so stored-order maps can be combined).</summary>
    public bool SameStoredOrder(GridStepDecoder other) =>
        Grid == other.Grid && _sourceRow.AsSpan().SequenceEqual(other._sourceRow) && _sourceColumn.AsSpan().SequenceEqual(other._sourceColumn);

    /// <summary>Reorders one stored-order map onto the canonical grid.</summary>
    public void Reorder<T>(ReadOnlySpan<T> stored, Span<T> destination)
    {
        if (destination.Length != _rows * _columns || stored.Length != destination.Length)
            throw new ArgumentException($"maps of {stored.Length} and {destination.Length} cells for a {_rows} x {_columns} grid");
        for (var r = 0; r < _rows; r++)
        {
            var to = destination.Slice(r * _columns, _columns);
            var from = stored.Slice(_sourceRow[r] * _columns, _columns);
            for (var c = 0; c < _columns; c++)
                to[c] = from[_sourceColumn[c]];
        }
    }
}
