using TamRl.Upscale.Core.Grid;
using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.SampleWorld;

/// <summary>
/// What <c>tamrl sample-data</c> generates: output folder, grid resolution, period (whole months), seed and region.
/// Every random choice in the world derives from <see cref="Seed"/>.
/// </summary>
public sealed record SampleWorldOptions
{
    /// <summary>Resolutions the world supports (degrees): each divides 0.5 or is a multiple of it, so the
    /// 0.5 degree Koppen map aggregates to the grid exactly.</summary>
    public static readonly double[] Resolutions = [2.0, 1.0, 0.5, 0.25];

    public required string OutputDirectory { get; init; }
    public double Resolution { get; init; } = 2.0;
    public int StartYear { get; init; } = 2019;
    public int StartMonth { get; init; } = 1;
    public int EndYear { get; init; } = 2020;
    public int EndMonth { get; init; } = 12;
    public ulong Seed { get; init; } = 42;
    public BoundingBox Box { get; init; } = BoundingBox.Globe;

    /// <summary>Folder with the real inputs (koppen/, sites/, fluxnet/); null finds data/real above the working or program folder.</summary>
    public string? RealDataDirectory { get; init; }

    /// <summary>Whether the tower files and the calibration run (tests switch it off for layout-only worlds).</summary>
    public bool Towers { get; init; } = true;

    /// <summary>
    /// Cells per generation band (latitude bands of whole rows): per-cell state is held for one band at a time, so
    /// this bounds memory whatever the resolution. The world's values do not depend on it.
    /// </summary>
    public int BandCells { get; init; } = Streaming.BandPlan.DefaultBandCells;

    public DateOnly FirstDay => new(StartYear, StartMonth, 1);
    public DateOnly LastDay => new DateOnly(EndYear, EndMonth, 1).AddMonths(1).AddDays(-1);
    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>Refuses what the generator cannot honour, naming the option.</summary>
    public void Validate()
    {
        if (!Resolutions.Any(r => Math.Abs(r - Resolution) < 1e-9))
            throw new TamRlException(FormattableString.Invariant(
                $"--resolution: {Resolution} degrees is not supported; use one of {string.Join(", ", Resolutions)}"));
        if (new DateOnly(EndYear, EndMonth, 1) < new DateOnly(StartYear, StartMonth, 1))
            throw new TamRlException(FormattableString.Invariant(
                $"--start/--end: the period {StartYear:D4}-{StartMonth:D2}..{EndYear:D4}-{EndMonth:D2} is empty (end before start)"));
        if (StartYear < 1950 || EndYear > 2100)
            throw new TamRlException("--start/--end: years must lie in 1950..2100");
        if (Box.East - Box.West < Resolution || Box.North - Box.South < Resolution)
            throw new TamRlException(FormattableString.Invariant($"--bbox: {Box} is smaller than one {Resolution} degree cell"));
        if (BandCells < 1)
            throw new TamRlException($"band cells: {BandCells} must be at least 1");
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new TamRlException("--out: an output folder is required");
    }
}
