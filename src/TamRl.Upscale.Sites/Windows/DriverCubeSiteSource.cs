using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Sites.Windows;

/// <summary>The driver cube folder (OUT/drivers, docs/data-contracts.md §2) as a source of site series.</summary>
public sealed class DriverCubeSiteSource : ISiteDriverSource, IDisposable
{
    private readonly DriverCubeReader _reader;

    public DriverCubeSiteSource(string directory) => _reader = DriverCubeReader.Open(directory);

    public string Description => _reader.Directory;

    public IReadOnlyList<string> Features => _reader.Features;

    public DateOnly FirstDay => _reader.FirstDay;

    public DateOnly LastDay => _reader.LastDay;

    public bool TryLocate(double latitude, double longitude, out int row, out int column) =>
        _reader.TryLocate(latitude, longitude, out row, out column);

    public string DescribeGrid()
    {
        var g = _reader.Grid;
        return $"{g.Rows} x {g.Columns} cells of {g.LatitudeResolution} degrees, latitudes {g.South}..{g.North}, longitudes {g.West}..{g.East}";
    }

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last) =>
        _reader.ReadPixelSeries(pixels, first, last).Values;

    public void Dispose() => _reader.Dispose();
}
