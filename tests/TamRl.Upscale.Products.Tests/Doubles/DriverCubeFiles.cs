using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>Writes a <see cref="SyntheticDriverCube"/> to disk in the contract's layout, through the Ingest project's writers.</summary>
public static class DriverCubeFiles
{
    public static void Write(string folder, SyntheticDriverCube cube, IEnumerable<DatePeriod> months) =>
        Write(folder, cube.Grid, cube.LandFraction, cube.Igbp, cube.Koppen, months);

    /// <summary>The synthetic drivers on a land mask and classes of the caller's (land fraction 0 at sea), e.g. a real map's.</summary>
    public static void Write(string folder, RegularLatLonGrid grid, float[] landFraction, int[] igbp, int[] koppen, IEnumerable<DatePeriod> months)
    {
        Directory.CreateDirectory(folder);
        var cells = grid.Rows * grid.Columns;
        var land = landFraction.Select(f => f > 0 ? f : float.NaN).ToArray();
        DriverCubeWriter.WriteStatic(Path.Combine(folder, DriverCubeLayout.StaticFileName), grid,
            new StaticFields(land, new float[cells], igbp, koppen));
        var mask = landFraction.Select(f => f > 0).ToArray();
        var latitudes = Enumerable.Range(0, grid.Rows).Select(grid.LatitudeOfRow).ToArray();
        var longitudes = Enumerable.Range(0, grid.Columns).Select(grid.LongitudeOfColumn).ToArray();
        // A day's map of a feature at a time, the values ReadSeries gives: the cube's month is never held
        // whole, so the bench can write grids down to 0.1 degree (a month of 0.1 degree is 8 GB).
        var map = new float[cells];
        foreach (var month in months)
        {
            var cubeMonth = CubeMonth.Of(month.First);
            using var writer = DriverMonthWriter.Create(Path.Combine(folder, DriverCubeLayout.MonthFileName(cubeMonth)), grid, cubeMonth, mask);
            for (var d = 0; d < cubeMonth.Days; d++)
            {
                var day = cubeMonth.FirstDay.AddDays(d);
                for (var k = 0; k < DriverFeatures.All.Count; k++)
                {
                    Parallel.For(0, grid.Rows, r =>
                    {
                        for (var c = 0; c < grid.Columns; c++)
                        {
                            var i = r * grid.Columns + c;
                            map[i] = mask[i] ? SyntheticDriverCube.Value(k, latitudes[r], longitudes[c], day.DayOfYear) : float.NaN;
                        }
                    });
                    writer.WriteDay(DriverFeatures.All[k].Name, day, map);
                }
            }
            writer.Complete();
        }
    }
}
