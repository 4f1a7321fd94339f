using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>
/// A successful publication: the period folder users read, its files and the checks run during it (null when it
/// published the folder an earlier check of the run passed; that check's report is the period's checks.json).
/// </summary>
public sealed record PublishResult(string PeriodFolder, string Period, IReadOnlyList<ManifestEntry> Files, CheckReport? Checks)
{
    /// <summary>Why a checked folder offered by <see cref="PublishOptions.CheckedFolder"/> was not used; null when it was, or none was offered.</summary>
    public string? StaleCheck { get; init; }
}
