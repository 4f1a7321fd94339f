using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Products.Chunking;

/// <summary>
/// How much memory one chunk of inference may hold, and what each pixel-day costs. A chunk holds, for
/// every cell of its tile and every day of the period:
/// <list type="bullet">
/// <item>the drivers, one float32 per feature (<see cref="DriverBytesPerPixelDay"/>: 40 bytes for 10 features);</item>
/// <item>the outputs, six float32 (GPP, RECO, NEE and their spreads: <see cref="OutputBytesPerPixelDay"/> = 24 bytes).</item>
/// </list>
/// On top, the model works on one batch of <see cref="BatchPixels"/> pixels at a time with
/// <see cref="ModelBytesPerPixelDay"/> in flight per pixel-day (default 3600 bytes: the ~1.3 MB per
/// pixel-year measured for the TAM-RL LSTMs, DESIGN.md §8), a fixed cost per chunk whatever its size.
/// Every cell of a tile is costed as land, so a tile's size depends on the grid, the period and the
/// budget only, never on the land mask: chunk ids stay stable when the mask changes.
/// </summary>
public sealed record MemoryBudget
{
    public MemoryBudget(long bytes, int batchPixels = 1024, int modelBytesPerPixelDay = 3600)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPixels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(modelBytesPerPixelDay);
        Bytes = bytes;
        BatchPixels = batchPixels;
        ModelBytesPerPixelDay = modelBytesPerPixelDay;
    }

    /// <summary>The budget for one chunk in flight, bytes.</summary>
    public long Bytes { get; }

    /// <summary>Pixels the predictor is handed at once.</summary>
    public int BatchPixels { get; }

    public int ModelBytesPerPixelDay { get; }

    public static int DriverBytesPerPixelDay => 4 * DriverFeatures.All.Count;

    public const int OutputBytesPerPixelDay = 4 * 6;

    /// <summary>The most cells a chunk may hold for a period of <paramref name="days"/> days.</summary>
    /// <exception cref="Core.Errors.TamRlException">The budget does not hold the model's batch plus one pixel.</exception>
    public long MaxPixels(int days)
    {
        var modelBytes = (long)BatchPixels * days * ModelBytesPerPixelDay;
        var perPixel = (long)days * (DriverBytesPerPixelDay + OutputBytesPerPixelDay);
        var pixels = (Bytes - modelBytes) / perPixel;
        if (pixels < 1)
            throw new Core.Errors.TamRlException(
                $"memory budget of {Bytes} bytes is too small for {days} days: the model's batch of {BatchPixels} pixels needs {modelBytes} bytes and each pixel {perPixel} more");
        return pixels;
    }

    /// <summary>Parses a byte count with an optional binary suffix: "512MiB", "2GiB", "1048576".</summary>
    public static long ParseBytes(string text)
    {
        var t = text.Trim();
        (string suffix, long factor)[] units = [("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10)];
        foreach (var (suffix, factor) in units)
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return checked((long)(double.Parse(t[..^suffix.Length], System.Globalization.CultureInfo.InvariantCulture) * factor));
        return long.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
    }
}
