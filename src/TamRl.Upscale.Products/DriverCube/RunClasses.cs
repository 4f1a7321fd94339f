using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// The IGBP and Koppen classes of a run's grid, a window at a time, from the run's driver cube (opened once). When the
/// cube is gone or on another grid every class is unknown (IGBP 17, Koppen 0): regional budgets then hold only the
/// globe, continents and latitude bands meaningfully, never wrong classes.
/// </summary>
public sealed class RunClasses : IDisposable
{
    private const int UnknownIgbp = 17;
    private readonly NetCdfDriverCube? _cube;

    public RunClasses(RunDescription run, RegularLatLonGrid grid)
    {
        if (!Directory.Exists(run.Drivers))
            return;
        var cube = NetCdfDriverCube.Open(run.Drivers);
        if (cube.Grid.SameCells(grid))
            _cube = cube;
        else
            cube.Dispose();
    }

    /// <summary>The window's static fields; with unknown classes, a land fraction of 0 (callers take it from the run).</summary>
    public StaticWindow Read(GridBlock block) =>
        _cube?.ReadStatic(block) ?? new StaticWindow(block, new float[block.Cells], Enumerable.Repeat(UnknownIgbp, block.Cells).ToArray(), new int[block.Cells]);

    public void Dispose() => _cube?.Dispose();
}
