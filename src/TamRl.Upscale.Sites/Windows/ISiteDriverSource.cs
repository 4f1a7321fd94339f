namespace TamRl.Upscale.Sites.Windows;

/// <summary>
/// Where site extraction gets driver series: the driver cube in production
/// (<see cref="DriverCubeSiteSource"/>), an in-memory grid in tests. Values are float32 in
/// <see cref="Core.Variables.DriverFeatures"/> units, NaN where the cube has none (ocean).
/// </summary>
public interface ISiteDriverSource
{
    /// <summary>What the source is (a folder path), for errors and the manifest.</summary>
    string Description { get; }

    /// <summary>Feature names in the order of the series' last axis.</summary>
    IReadOnlyList<string> Features { get; }

    DateOnly FirstDay { get; }

    DateOnly LastDay { get; }

    /// <summary>The grid cell holding a point; false when the point lies outside the grid.</summary>
    bool TryLocate(double latitude, double longitude, out int row, out int column);

    /// <summary>Grid size, for error messages.</summary>
    string DescribeGrid();

    /// <summary>Series of the given cells from <paramref name="first"/> to <paramref name="last"/>, laid out [pixel, day, feature].</summary>
    float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last);
}
