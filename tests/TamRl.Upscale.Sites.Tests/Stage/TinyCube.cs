using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Sites.Tests.Stage;

/// <summary>
/// A driver cube written by Ingest's own writers: 12 x 16 cells of 0.5 degree (latitudes 50..44,
/// longitudes -95..-87), every value feature * 1000 + day of year + row * 0.5 + column * 0.01; the
/// north-west cell is ocean.
/// </summary>
internal static class TinyCube
{
    public static readonly RegularLatLonGrid Grid = new(12, 16, -95, 50, 0.5, 0.5);

    public static bool IsLand(int row, int column) => !(row == 0 && column == 0);

    public static float Value(int feature, DateOnly day, int row, int column) => feature * 1000 + day.DayOfYear + row * 0.5f + column * 0.01f;

    public static void Write(string directory, params CubeMonth[] months)
    {
        var n = Grid.Rows * Grid.Columns;
        var land = Enumerable.Range(0, n).Select(i => IsLand(i / Grid.Columns, i % Grid.Columns)).ToArray();
        DriverCubeWriter.WriteStatic(Path.Combine(directory, DriverCubeLayout.StaticFileName), Grid,
            new StaticFields(land.Select(l => l ? 1f : 0f).ToArray(), new float[n], land.Select(l => l ? 4 : -1).ToArray(), land.Select(l => l ? 26 : -1).ToArray()));
        var map = new float[n];
        foreach (var month in months)
        {
            using var writer = DriverMonthWriter.Create(Path.Combine(directory, DriverCubeLayout.MonthFileName(month)), Grid, month, land);
            for (var f = 0; f < DriverFeatures.All.Count; f++)
                for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
                {
                    for (var i = 0; i < n; i++)
                        map[i] = land[i] ? Value(f, day, i / Grid.Columns, i % Grid.Columns) : float.NaN;
                    writer.WriteDay(DriverFeatures.All[f].Name, day, map);
                }
            writer.Complete();
        }
    }
}
