namespace TamRl.Upscale.Sites.Windows;

/// <summary>
/// Where site extraction gets driver series: the driver cube at each tower's cell
/// (<see cref="DriverCubeSiteSource"/>), each tower's own meteorology (<see cref="TowerMeteorologySource"/>), an
/// in-memory grid in tests. Values are float32 in <see cref="Core.Variables.DriverFeatures"/> units, NaN where the
/// source has none (ocean in the cube, days outside a tower's record).
/// </summary>
public interface ISiteDriverSource
{
    /// <summary>What the source is (a folder path), for errors and the manifest.</summary>
    string Description { get; }

    /// <summary>Feature names in the order of the series' last axis.</summary>
    IReadOnlyList<string> Features { get; }

    DateOnly FirstDay { get; }

    DateOnly LastDay { get; }

    /// <summary>
    /// Where the source keeps a tower's series (the grid cell holding it; for tower meteorology, the tower's own row);
    /// false when the source cannot serve it (a point outside the grid).
    /// </summary>
    bool TryLocate(Fluxnet.TowerSite tower, out int row, out int column);

    /// <summary>What the source covers (grid size, towers), for error messages.</summary>
    string DescribeGrid();

    /// <summary>Series of the given locations from <paramref name="first"/> to <paramref name="last"/>, laid out [pixel, day, feature].</summary>
    float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last);
}
