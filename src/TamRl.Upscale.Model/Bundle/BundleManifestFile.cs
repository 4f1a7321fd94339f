using System.Globalization;
using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Files;

namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// A bundle's <c>bundle.json</c> read once, typed, with its identity (the sha256 of those bytes), and no weights loaded:
/// what planning needs (the identity the chunks and products record, the features the driver cube must serve, the
/// provenance attributes) and what <see cref="ModelBundle.Load"/> starts from. The one reader of bundle.json.
/// </summary>
public sealed record BundleManifestFile(string Path, string Identity, BundleManifest Manifest)
{
    /// <param name="bundle">A bundle folder (OUT/model, read through its link) or its bundle.json.</param>
    /// <exception cref="InvalidInputException">No bundle.json there, or it is not a bundle manifest (naming the JSON path).</exception>
    public static BundleManifestFile Read(string bundle)
    {
        var path = System.IO.Path.GetFullPath(Directory.Exists(bundle) ? System.IO.Path.Combine(bundle, ModelBundle.ManifestFile) : bundle);
        if (!File.Exists(path))
            throw new InvalidInputException(path, null, "model bundle not found (expected bundle.json and member_NN.bin files)");
        var bytes = File.ReadAllBytes(path);
        try
        {
            var manifest = JsonSerializer.Deserialize<BundleManifest>(bytes)
                ?? throw new InvalidInputException(path, null, "the bundle manifest is empty");
            return new BundleManifestFile(path, FileHash.Sha256(bytes), manifest);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.Path, $"not a valid bundle manifest: {e.Message}", e);
        }
    }

    /// <summary>The bundle's folder (where its member files are).</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>The model's feature names, in the order it takes them.</summary>
    public IReadOnlyList<string> Features => Manifest.Features.Select(f => f.Name).ToArray();

    /// <summary>The provenance key of the bundle's identity (<see cref="Provenance"/>): how a planned run names its bundle version.</summary>
    public const string IdentityAttribute = "bundle_sha256";

    /// <summary>
    /// What the products record about the model (run.json's model attributes, the NetCDF files' <c>model_*</c>): the
    /// bundle's sha256, format version, model kind, split, training sites and each member's checksum.
    /// </summary>
    public IReadOnlyDictionary<string, string> Provenance() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [IdentityAttribute] = Identity,
        ["format_version"] = Manifest.FormatVersion.ToString(CultureInfo.InvariantCulture),
        ["model"] = Manifest.Model,
        ["split"] = Manifest.Split,
        ["training_sites"] = string.Join(" ", Manifest.TrainingSites),
        ["training_site_count"] = Manifest.TrainingSites.Count.ToString(CultureInfo.InvariantCulture),
        ["member_sha256"] = string.Join(" ", Manifest.Members.Select(m => m.Sha256)),
    };
}
