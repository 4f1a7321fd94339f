using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Ingest.Tests.DriverCube;

/// <summary>
/// A small driver cube whose every value is a known function of (feature, day, row, column), so a
/// reader's output can be checked cell by cell. The grid (40 x 70 at 0.5°) spans two chunk blocks
/// in each direction; the south-east corner is ocean.
/// </summary>
internal static class CubeFixture
{
    public static readonly RegularLatLonGrid Grid = new(40, 70, -10, 60, 0.5, 0.5);

    public static bool IsLand(int row, int column) => !(row >= 30 && column >= 50);

    public static float Value(int feature, DateOnly day, int row, int column) =>
        feature * 1000 + (day.DayNumber % 400) + row * 0.5f + column * 0.01f;

    public static bool[] LandMask()
    {
        var mask = new bool[Grid.Rows * Grid.Columns];
        for (var r = 0; r < Grid.Rows; r++)
            for (var c = 0; c < Grid.Columns; c++)
                mask[r * Grid.Columns + c] = IsLand(r, c);
        return mask;
    }

    public static StaticFields Static()
    {
        var n = Grid.Rows * Grid.Columns;
        var land = new float[n];
        var elevation = new float[n];
        var igbp = new int[n];
        var koppen = new int[n];
        for (var i = 0; i < n; i++)
        {
            var isLand = IsLand(i / Grid.Columns, i % Grid.Columns);
            land[i] = isLand ? 0.25f + (i % 4) * 0.25f : 0f;
            elevation[i] = isLand ? i * 0.5f : float.NaN;
            igbp[i] = isLand ? i % 17 : -1;
            koppen[i] = isLand ? i % 30 : -1;
        }
        return new StaticFields(land, elevation, igbp, koppen);
    }

    /// <summary>Writes static.nc and the given months into <paramref name="directory"/>.</summary>
    public static void Write(string directory, params CubeMonth[] months)
    {
        DriverCubeWriter.WriteStatic(Path.Combine(directory, DriverCubeLayout.StaticFileName), Grid, Static());
        foreach (var month in months)
            WriteMonth(directory, month);
    }

    public static string WriteMonth(string directory, CubeMonth month)
    {
        var path = Path.Combine(directory, DriverCubeLayout.MonthFileName(month));
        using var writer = DriverMonthWriter.Create(path, Grid, month, LandMask());
        var map = new float[Grid.Rows * Grid.Columns];
        for (var f = 0; f < DriverFeatures.All.Count; f++)
            for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
            {
                for (var r = 0; r < Grid.Rows; r++)
                    for (var c = 0; c < Grid.Columns; c++)
                        map[r * Grid.Columns + c] = IsLand(r, c) ? Value(f, day, r, c) : float.NaN;
                writer.WriteDay(DriverFeatures.All[f].Name, day, map);
            }
        writer.Complete();
        return path;
    }
}
