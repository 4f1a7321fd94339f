using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// The land fraction (0..1) of a run's grid, read a block at a time, so that planning, assembly and checks
/// never hold the whole grid (0.05 degree is 26 million cells): from the run's <c>land_fraction.nc</c>, from
/// the driver cube's static fields, or from an array a caller already holds.
/// </summary>
public sealed class LandFraction : IDisposable
{
    private readonly NetCdfFile? _file;
    private readonly float[]? _values;
    private readonly IDriverCube? _cube;

    private LandFraction(RegularLatLonGrid grid, NetCdfFile? file, float[]? values, IDriverCube? cube)
    {
        Grid = grid;
        _file = file;
        _values = values;
        _cube = cube;
    }

    public RegularLatLonGrid Grid { get; }

    /// <summary>An array held by the caller, row-major, north row first.</summary>
    public static LandFraction Of(RegularLatLonGrid grid, float[] values)
    {
        if (values.LongLength != (long)grid.Rows * grid.Columns)
            throw new ArgumentException($"a land fraction of {values.LongLength} cells for a {grid.Rows} x {grid.Columns} grid");
        return new LandFraction(grid, null, values, null);
    }

    /// <summary>The run's <c>land_fraction.nc</c> (written when the run was planned).</summary>
    public static LandFraction OpenRun(string runDir, RegularLatLonGrid grid) =>
        new(grid, NetCdfFile.Open(Path.Combine(runDir, RunDescription.LandFractionFileName)), null, null);

    /// <summary>The driver cube's static land fraction (the cube stays the caller's to dispose).</summary>
    public static LandFraction OfCube(IDriverCube cube) => new(cube.Grid, null, null, cube);

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
        if (_cube is not null)
        {
            _cube.ReadStatic(block).LandFraction.CopyTo(into);
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

    /// <summary>
    /// Land cells (fraction above 0) in a tile: what the chunk planner counts, reading that tile only. (A row of
    /// tiles across the grid, read once, held 44 MB of static fields at 0.05 degree for a month's tiles, and
    /// netCDF-C sized its cache to the row.)
    /// </summary>
    public int CountLand(int row0, int rows, int column0, int columns)
    {
        var window = new GridBlock(row0, rows, column0, columns);
        if (_cube is not null)
            return _cube.ReadStatic(window).LandCells;
        var land = 0;
        foreach (var f in Read(window))
            if (f > 0)
                land++;
        return land;
    }

    /// <summary>Writes the land fraction to a NetCDF variable (lat, lon) band by band, never holding the grid.</summary>
    public void CopyTo(NetCdfFile file, string variable, int bandRows)
    {
        for (var row0 = 0; row0 < Grid.Rows; row0 += bandRows)
        {
            var rows = Math.Min(bandRows, Grid.Rows - row0);
            file.Write<float>(variable, [row0, 0], [rows, Grid.Columns], Read(new GridBlock(row0, rows, 0, Grid.Columns)));
        }
    }

    public void Dispose() => _file?.Dispose();
}
