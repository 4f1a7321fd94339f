using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>Writes a <see cref="SyntheticDriverCube"/> to disk in the contract's layout, through the Ingest project's writers.</summary>
public static class DriverCubeFiles
{
    public static void Write(string folder, SyntheticDriverCube cube, IEnumerable<DatePeriod> months)
    {
        Directory.CreateDirectory(folder);
        var grid = cube.Grid;
        var cells = grid.Rows * grid.Columns;
        var land = cube.LandFraction.Select(f => f > 0 ? f : float.NaN).ToArray();
        DriverCubeWriter.WriteStatic(Path.Combine(folder, DriverCubeLayout.StaticFileName), grid,
            new StaticFields(land, new float[cells], cube.Igbp, cube.Koppen));
        var mask = cube.LandFraction.Select(f => f > 0).ToArray();
        var all = Enumerable.Range(0, cells).Select(i => (i / grid.Columns, i % grid.Columns)).ToArray();
        foreach (var month in months)
        {
            var cubeMonth = CubeMonth.Of(month.First);
            using var writer = DriverMonthWriter.Create(Path.Combine(folder, DriverCubeLayout.MonthFileName(cubeMonth)), grid, cubeMonth, mask);
            var series = cube.ReadSeries(all, cubeMonth.FirstDay, cubeMonth.Days);
            var f = DriverFeatures.All.Count;
            var map = new float[cells];
            for (var d = 0; d < cubeMonth.Days; d++)
                for (var k = 0; k < f; k++)
                {
                    for (var i = 0; i < cells; i++)
                        map[i] = series[(i * cubeMonth.Days + d) * f + k];
                    writer.WriteDay(DriverFeatures.All[k].Name, cubeMonth.FirstDay.AddDays(d), map);
                }
            writer.Complete();
        }
    }
}
