using TamRl.Upscale.Core.Grid;

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

    /// <summary>Land fraction 0..1 per cell, row-major (north row first); a cell is land when it is above 0.</summary>
    float[] LandFraction { get; }

    /// <summary>IGBP class index per cell (meaningful over land only).</summary>
    int[] Igbp { get; }

    /// <summary>Koppen class index per cell (meaningful over land only).</summary>
    int[] Koppen { get; }

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
