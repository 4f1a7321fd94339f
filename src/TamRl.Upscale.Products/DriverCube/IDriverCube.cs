using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// What inference reads from the driver cube (docs/data-contracts.md §2): the grid, the static fields
/// and, per feature, a tile over a run of days. The contract's NetCDF layout is read by
/// <see cref="NetCdfDriverCube"/>; tests use in-memory cubes.
/// </summary>
public interface IDriverCube : IDisposable
{
    /// <summary>Where the cube lives, for error messages and provenance.</summary>
    string Location { get; }

    RegularLatLonGrid Grid { get; }

    /// <summary>Feature names in the cube, in order.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>
    /// The static fields (land fraction, IGBP, Koppen) of a window of <see cref="Grid"/>. Stages read the window
    /// they work on, never the whole grid, so that their memory does not grow with it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not inside the grid.</exception>
    StaticWindow ReadStatic(GridBlock window);

    /// <summary>Input files and their sha256, for provenance (empty when unknown).</summary>
    IReadOnlyDictionary<string, string> InputChecksums { get; }

    /// <summary>
    /// The daily drivers of <paramref name="pixels"/> (row, column) for <paramref name="days"/> days from
    /// <paramref name="first"/>, laid out [pixel, day, feature] in <see cref="Features"/> order (what
    /// <see cref="Core.Prediction.PixelBlock.Drivers"/> wants), NaN where the cube holds no value. A day the
    /// cube lacks throws <see cref="Core.Errors.InvalidInputException"/> naming the file that should hold it.
    /// </summary>
    float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days);

    /// <summary>
    /// While the returned handle lives, series reads within <paramref name="period"/> may reuse open files
    /// instead of opening them per read: what a chunk does when it reads its pixels a cube block at a time.
    /// Dispose it when the chunk is done, so that nothing stays open (and resident) between chunks. A cube that
    /// keeps files open is not to be shared between threads while it does (one cube per thread).
    /// </summary>
    IDisposable KeepOpen(DatePeriod period) => NothingKept.Instance;

    /// <summary>
    /// <see cref="ReadSeries(IReadOnlyList{ValueTuple{int, int}}, DateOnly, int)"/> into a caller's buffer of
    /// exactly pixels x days x features values, so a caller reading band after band reuses one buffer.
    /// </summary>
    void ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days, Span<float> destination)
    {
        var values = ReadSeries(pixels, first, days);
        if (values.Length != destination.Length)
            throw new ArgumentException($"a buffer of {destination.Length} values for {values.Length}", nameof(destination));
        values.CopyTo(destination);
    }
}

/// <summary>The handle of a cube that keeps nothing open.</summary>
internal sealed class NothingKept : IDisposable
{
    public static readonly NothingKept Instance = new();

    public void Dispose() { }
}
