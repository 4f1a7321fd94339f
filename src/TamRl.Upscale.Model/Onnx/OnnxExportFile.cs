using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// A model bundle's TAM-RL ensemble written as one ONNX file (<c>tamrl export-onnx</c>), for use from other tools. The file
/// is written whole or not at all (IO's <see cref="AtomicFile"/>) and is not part of the bundle: bundles are immutable and
/// their identity is the sha256 of bundle.json, so the export is a derived file that names the bundle it came from
/// (metadata <c>bundle_sha256</c>) and carries what a caller needs to build the inputs (the metadata keys below).
/// </summary>
public static class OnnxExportFile
{
    /// <summary>The ONNX model of <paramref name="bundle"/> with its metadata.</summary>
    /// <param name="manifestPath">The bundle's bundle.json, named in a refusal.</param>
    public static OnnxModel Model(ModelBundle bundle, string manifestPath)
    {
        var members = bundle.Members.OfType<TamRlModel>().ToList();
        if (members.Count != bundle.Members.Count || bundle.Manifest.SupportWindows == EnsemblePredictor.EveryOtherTile)
            throw new InvalidInputException(manifestPath, "model",
                $"only TAM-RL bundles with one task code per pixel (support_windows > 0) are exported to ONNX; this is {bundle.Manifest.Model} with support_windows {bundle.Manifest.SupportWindows}");
        var m = bundle.Manifest;
        var n = m.Normalisation;
        string Join(IEnumerable<float> xs) => string.Join(" ", xs.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        var metadata = new List<KeyValuePair<string, string>>
        {
            new("bundle_sha256", bundle.Identity),
            new("model", m.Model),
            new("members", members.Count.ToString(CultureInfo.InvariantCulture)),
            new("member_seeds", string.Join(" ", m.Members.Select(x => x.Seed))),
            new("features", string.Join(" ", m.Features.Select(f => f.Name))),
            new("feature_units", string.Join(" ", m.Features.Select(f => f.Units))),
            new("driver_mean", Join(n.DriverMean)),
            new("driver_std", Join(n.DriverStd)),
            new("static_features", $"igbp one-hot {m.StaticFeatures.IgbpClasses}, koppen one-hot {m.StaticFeatures.KoppenClasses}, location {m.StaticFeatures.Location}"),
            new("input_size", m.Architecture.InputSize.ToString(CultureInfo.InvariantCulture)),
            new("window_length", m.WindowLength.ToString(CultureInfo.InvariantCulture)),
            new("warmup_days", m.WarmupDays.ToString(CultureInfo.InvariantCulture)),
            new("support_windows", m.SupportWindows.ToString(CultureInfo.InvariantCulture)),
            new("balance", m.Balance),
            new("inputs", "support [pixels, support_windows, window days, input_size]: each pixel's support windows; windows [pixels, tiles, days, input_size]: " +
                "the windows to decode (days = window_length + warmup_days where the series allows); per day: (driver - driver_mean) / driver_std for each feature, " +
                "then the static features (docs/model.md)"),
            new("outputs", "fluxes [members, pixels, tiles, days, 3]: GPP, RECO, NEE in g C m-2 d-1 per member, NEE = RECO - GPP; the product is the members' mean"),
        };
        return TamRlOnnxExport.Export(members, bundle.Encoding.Targets, FluxOutputs.ParseMode(m.Balance) ?? BalanceMode.Equal, metadata);
    }

    /// <summary>
    /// Writes the ONNX model of the bundle at <paramref name="bundleFolder"/> (OUT/model) to <paramref name="path"/> (its folder is
    /// created); returns the bundle's identity and the file's size in bytes.
    /// </summary>
    public static (string Identity, long Bytes) Write(string bundleFolder, string path)
    {
        var bundle = ModelBundle.Load(bundleFolder);
        var bytes = Model(bundle, Path.Combine(Path.GetFullPath(bundleFolder), ModelBundle.ManifestFile)).ToBytes();
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.Write(full, temp => File.WriteAllBytes(temp, bytes));
        return (bundle.Identity, bytes.Length);
    }
}
