using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>A successful publication: the period folder users read, its files and the checks.</summary>
public sealed record PublishResult(string PeriodFolder, string Period, IReadOnlyList<ManifestEntry> Files, CheckReport Checks);
