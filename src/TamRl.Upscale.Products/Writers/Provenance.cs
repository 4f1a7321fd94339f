using System.Globalization;

namespace TamRl.Upscale.Products.Writers;

/// <summary>Where a product came from, written into every NetCDF file as global attributes.</summary>
/// <param name="RunId">The inference run.</param>
/// <param name="Model">The predictor's identity (the model bundle's version and sha256).</param>
/// <param name="InputChecksums">The driver cube's input files and their sha256.</param>
/// <param name="CodeVersion">Version of this code.</param>
/// <param name="Created">When the product was assembled.</param>
public sealed record Provenance(string RunId, string Model, IReadOnlyDictionary<string, string> InputChecksums, string CodeVersion, DateTimeOffset Created)
{
    /// <summary>Further facts about the model (bundle sha256, training sites...), written as <c>model_KEY</c> attributes.</summary>
    public IReadOnlyDictionary<string, string> ModelAttributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The rules that set some pixels' fluxes instead of the model (run.json's surface_rules); null: none recorded.</summary>
    public string? SurfaceRules { get; init; }

    /// <summary>The CF history line: when and what made the file.</summary>
    public string History => $"{Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}: tamrl publish (TamRl.Upscale {CodeVersion}) from run {RunId}";

    /// <summary>"file sha256" pairs, one per line, sorted by file.</summary>
    public string InputManifestText => InputChecksums.Count == 0
        ? "none recorded"
        : string.Join("\n", InputChecksums.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
