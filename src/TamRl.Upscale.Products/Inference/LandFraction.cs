using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// The land fraction (0..1) of a run's grid, read a block at a time: from the run's <c>land_fraction.nc</c>,
/// so that assembly and checks never hold the whole grid (0.05 degree is 26 million cells), or from an
/// array a caller already holds.
/// </summary>
public sealed class LandFraction : IDisposable
{
    private readonly NetCdfFile? _file;
    private readonly float[]? _values;

    private LandFraction(RegularLatLonGrid grid, NetCdfFile? file, float[]? values)
    {
        Grid = grid;
        _file = file;
        _values = values;
    }

    public RegularLatLonGrid Grid { get; }

    /// <summary>An array held by the caller, row-major, north row first.</summary>
    public static LandFraction Of(RegularLatLonGrid grid, float[] values)
    {
        if (values.LongLength != (long)grid.Rows * grid.Columns)
            throw new ArgumentException($"a land fraction of {values.LongLength} cells for a {grid.Rows} x {grid.Columns} grid");
        return new LandFraction(grid, null, values);
    }

    /// <summary>The run's <c>land_fraction.nc</c> (written when the run was planned).</summary>
    public static LandFraction OpenRun(string runDir, RegularLatLonGrid grid) =>
        new(grid, NetCdfFile.Open(Path.Combine(runDir, RunDescription.LandFractionFileName)), null);

    /// <summary>The block's land fractions, row-major over the block.</summary>
    public void Read(GridBlock block, Span<float> into)
    {
        if (into.Length != block.Cells)
            throw new ArgumentException($"a block of {block.Cells} cells, a buffer of {into.Length}");
        if (_file is not null)
        {
            _file.Read<float>("land_fraction", [block.Row0, block.Column0], [block.Rows, block.Columns], into);
            return;
        }
        for (var r = 0; r < block.Rows; r++)
            _values.AsSpan((block.Row0 + r) * Grid.Columns + block.Column0, block.Columns).CopyTo(into.Slice(r * block.Columns, block.Columns));
    }

    public float[] Read(GridBlock block)
    {
        var values = new float[block.Cells];
        Read(block, values);
        return values;
    }

    /// <summary>Land cells (fraction above 0) in a tile: what the chunk planner counts.</summary>
    public int CountLand(int row0, int rows, int column0, int columns) => Read(new GridBlock(row0, rows, column0, columns)).Count(f => f > 0);

    public void Dispose() => _file?.Dispose();
}
