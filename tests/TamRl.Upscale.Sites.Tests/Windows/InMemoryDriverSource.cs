using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Windows;

namespace TamRl.Upscale.Sites.Tests.Windows;

/// <summary>
/// A driver source on a small grid whose every value tells where it came from:
/// feature * 1000 + day index + row * 0.5 + column * 0.01; NaN on the cells listed as ocean.
/// </summary>
internal sealed class InMemoryDriverSource(RegularLatLonGrid grid, DateOnly firstDay, int days, params (int Row, int Column)[] ocean) : ISiteDriverSource
{
    public List<IReadOnlyList<(int Row, int Column)>> Requests { get; } = new();

    public static float Value(int feature, int day, int row, int column) => feature * 1000 + day + row * 0.5f + column * 0.01f;

    public string Description => "in-memory drivers";

    public IReadOnlyList<string> Features { get; init; } = DriverFeatures.Names;

    public DateOnly FirstDay => firstDay;

    public DateOnly LastDay => firstDay.AddDays(days - 1);

    public bool TryLocate(Upscale.Sites.Fluxnet.TowerSite tower, out int row, out int column)
    {
        row = (int)Math.Floor((grid.North - tower.Latitude) / grid.LatitudeResolution);
        column = (int)Math.Floor((tower.Longitude - grid.West) / grid.LongitudeResolution);
        return row >= 0 && row < grid.Rows && column >= 0 && column < grid.Columns;
    }

    public string DescribeGrid() => $"{grid.Rows} x {grid.Columns}";

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last)
    {
        Requests.Add(pixels);
        var n = last.DayNumber - first.DayNumber + 1;
        var nf = Features.Count;
        var result = new float[pixels.Count * n * nf];
        for (var p = 0; p < pixels.Count; p++)
            for (var d = 0; d < n; d++)
                for (var f = 0; f < nf; f++)
                    result[(p * n + d) * nf + f] = ocean.Contains(pixels[p])
                        ? float.NaN
                        : Value(f, first.DayNumber - firstDay.DayNumber + d, pixels[p].Row, pixels[p].Column);
        return result;
    }
}
