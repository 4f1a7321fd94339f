using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;

namespace TamRl.Upscale.Sites.Windows;

/// <summary>
/// The driver cube folder (OUT/drivers, docs/data-contracts.md §2) as a source of site series.
/// <para>
/// Series are read one month at a time, each month through a reader that is closed before the next
/// month opens, so memory stays bounded by one month's chunk caches whatever the reader keeps open:
/// netCDF-C gives every open variable its own chunk cache (16 MiB by default) that fills as chunks are
/// read, and a reader holding a year of 10 features open peaked at 2.1 GB in the <c>sites</c> benchmark
/// against a few MB of series. Each chunk block is read once for all towers in it anyway, so a cache that
/// outlives the month saves nothing.
/// </para>
/// </summary>
public sealed class DriverCubeSiteSource : ISiteDriverSource, IDisposable
{
    private readonly DriverCubeReader _reader;

    public DriverCubeSiteSource(string directory) => _reader = DriverCubeReader.Open(directory);

    public string Description => _reader.Directory;

    public IReadOnlyList<string> Features => _reader.Features;

    public DateOnly FirstDay => _reader.FirstDay;

    public DateOnly LastDay => _reader.LastDay;

    public bool TryLocate(Fluxnet.TowerSite tower, out int row, out int column) =>
        _reader.TryLocate(tower.Latitude, tower.Longitude, out row, out column);

    public string DescribeGrid()
    {
        var g = _reader.Grid;
        return $"{g.Rows} x {g.Columns} cells of {g.LatitudeResolution} degrees, latitudes {g.South}..{g.North}, longitudes {g.West}..{g.East}";
    }

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last)
    {
        var days = last.DayNumber - first.DayNumber + 1;
        var nf = Features.Count;
        var result = new float[checked((long)pixels.Count * days * nf)];
        foreach (var month in CubeMonth.Span(first, last))
        {
            var from = month.FirstDay > first ? month.FirstDay : first;
            var to = month.LastDay < last ? month.LastDay : last;
            var n = to.DayNumber - from.DayNumber + 1;
            var offset = from.DayNumber - first.DayNumber;
            using var reader = DriverCubeReader.Open(_reader.Directory);
            var part = reader.ReadPixelSeries(pixels, from, to).Values;
            for (var p = 0; p < pixels.Count; p++)
                part.AsSpan(p * n * nf, n * nf).CopyTo(result.AsSpan(checked((p * days + offset) * nf)));
        }
        return result;
    }

    public void Dispose() => _reader.Dispose();
}
