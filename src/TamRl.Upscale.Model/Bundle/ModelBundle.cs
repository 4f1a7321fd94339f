using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Core.Files;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// A trained ensemble as files: <c>bundle.json</c> and <c>member_NN.bin</c> (TorchSharp state dicts).
/// Bundles are immutable and kept by identity (the sha256 of bundle.json, which lists every member's sha256):
/// <code>
/// OUT/model -> model.versions/IDENTITY     the current bundle: a symbolic link, swapped with one rename(2)
/// OUT/model.versions/IDENTITY/             bundle.json, member_NN.bin; never changed or deleted by a save
/// OUT/model.versions/.staging-GUID/        a save in progress
/// </code>
/// so the bundle that earlier products name in their provenance (model_bundle_sha256) stays on disk after a
/// retrain, and a save killed at any step leaves the previous bundle current and whole. <c>Load(OUT/model)</c>
/// reads through the link; an old-layout bundle (a plain folder with bundle.json) still loads, and the first
/// save over it keeps it as a version. Loading checks the format version, the feature list against Core's DriverFeatures catalogue and every
/// member's sha256, and refuses with an error naming the file and field.
/// </summary>
public sealed class ModelBundle
{
    public const string ManifestFile = "bundle.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private ModelBundle(BundleManifest manifest, FeatureEncoding encoding, ModelArchitecture architecture, IReadOnlyList<FluxSequenceModel> members, string identity)
    {
        Manifest = manifest;
        Encoding = encoding;
        Architecture = architecture;
        Members = members;
        Identity = identity;
    }

    public BundleManifest Manifest { get; }
    public FeatureEncoding Encoding { get; }
    public ModelArchitecture Architecture { get; }
    public IReadOnlyList<FluxSequenceModel> Members { get; }
    /// <summary>sha256 of bundle.json (which holds every member's sha256).</summary>
    public string Identity { get; }

    public static void Save(string directory, FeatureEncoding encoding, int windowLength, IReadOnlyList<TrainedMember> members,
        IEnumerable<string> trainingSites, string split, int warmupDays = 0, string balance = "equal", Action<string>? onStep = null,
        int supportWindows = InferenceSupport.DefaultWindows)
    {
        if (members.Count == 0)
            throw new ArgumentException("an ensemble needs at least one member");
        var architecture = members[0].Model.Architecture;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var versions = VersionsFolderOf(full);
        Directory.CreateDirectory(versions);
        RemoveLeftovers(full, versions);
        var staging = Path.Combine(versions, $"{StagingPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var entries = new List<BundleMember>();
        for (var i = 0; i < members.Count; i++)
        {
            var file = $"member_{i:D2}.bin";
            var path = Path.Combine(staging, file);
            members[i].Model.save(path);
            entries.Add(new BundleMember(file, members[i].Seed, FileHash.Sha256(path), members[i].BestEpoch));
        }
        var manifest = new BundleManifest
        {
            Model = ModelKinds.Name(architecture.Kind),
            Features = encoding.Features.Select(f => new BundleFeature(f, DriverFeatures.Find(f)?.Units ?? "unknown")).ToList(),
            StaticFeatures = new BundleStaticFeatures
            {
                IgbpClasses = encoding.IgbpClasses, KoppenClasses = encoding.KoppenClasses,
                Location = encoding.Location ? BundleStaticFeatures.LocationEncoded : BundleStaticFeatures.LocationOff,
                IgbpTrained = encoding.TrainedIgbp?.Order().ToArray(),
                KoppenTrained = encoding.TrainedKoppen?.Order().ToArray(),
            },
            Normalisation = new BundleNormalisation
            {
                DriverMean = encoding.DriverMean,
                DriverStd = encoding.DriverStd,
                GppScale = encoding.Targets.GppScale,
                RecoScale = encoding.Targets.RecoScale,
                NeeScale = encoding.Targets.NeeScale,
                NeeMean = encoding.Targets.NeeMean,
            },
            WindowLength = windowLength,
            WarmupDays = warmupDays,
            Balance = balance,
            SupportWindows = supportWindows,
            Architecture = new BundleArchitecture
            {
                InputSize = architecture.InputSize,
                StaticSize = architecture.StaticSize,
                Hidden = architecture.Hidden,
                Latent = architecture.Latent,
                Layers = architecture.Layers,
                Dropout = architecture.Dropout,
            },
            Members = entries,
            TrainingSites = trainingSites.ToList(),
            Split = split,
        };
        File.WriteAllText(Path.Combine(staging, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        onStep?.Invoke("staged");

        var identity = FileHash.Sha256(Path.Combine(staging, ManifestFile));
        var version = Path.Combine(versions, identity);
        if (Directory.Exists(version))
            Directory.Delete(staging, recursive: true); // the same identity is the same bundle, byte for byte
        else
            Directory.Move(staging, version);
        onStep?.Invoke("versioned");

        PointAt(full, versions, identity);
        onStep?.Invoke("swapped");
    }

    /// <summary>The folder of every saved version of the bundle at <paramref name="directory"/> (OUT/model.versions).</summary>
    public static string VersionsFolderOf(string directory) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + VersionsSuffix;

    /// <summary>Where the bundle of <paramref name="identity"/> saved at <paramref name="directory"/> stays (OUT/model.versions/IDENTITY).</summary>
    public static string VersionFolder(string directory, string identity) => Path.Combine(VersionsFolderOf(directory), identity);

    /// <summary>The bundle.json of the version <paramref name="identity"/> saved at <paramref name="directory"/>, or null when it is not on disk.</summary>
    public static string? SavedVersion(string directory, string identity) =>
        Path.Combine(VersionFolder(directory, identity), ManifestFile) is var manifest && File.Exists(manifest) ? manifest : null;

    private const string VersionsSuffix = ".versions";
    private const string StagingPrefix = ".staging-";

    /// <summary>Makes <paramref name="full"/> a link to the version, in one step whether it was a link, missing or an old-layout folder.</summary>
    private static void PointAt(string full, string versions, string identity)
    {
        var target = Path.Combine(Path.GetFileName(versions), identity);
        if (!Directory.Exists(full) || AtomicLink.TargetOf(full) is not null)
        {
            AtomicLink.Replace(full, target);
            return;
        }
        // An old-layout bundle folder: it becomes the version of its own identity; a folder without a bundle is dropped.
        var oldManifest = Path.Combine(full, ManifestFile);
        var keep = File.Exists(oldManifest) ? Path.Combine(versions, FileHash.Sha256(oldManifest)) : null;
        var displaced = keep is null || Directory.Exists(keep) ? Path.Combine(versions, $"{StagingPrefix}{Guid.NewGuid():N}") : keep;
        AtomicLink.ReplaceFolder(full, target, displaced);
        if (displaced != keep)
            Directory.Delete(displaced, recursive: true);
    }

    /// <summary>What a killed save left: staging folders and temporary links (never a version).</summary>
    private static void RemoveLeftovers(string full, string versions)
    {
        foreach (var staging in Directory.EnumerateDirectories(versions, StagingPrefix + "*"))
            Directory.Delete(staging, recursive: true);
        if (Directory.Exists(full + ".staging")) // the staging folder of saves before versions
            Directory.Delete(full + ".staging", recursive: true);
        foreach (var temp in Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(full)!, AtomicLink.TempLinkPattern(full)))
            File.Delete(temp);
    }

    public static ModelBundle Load(string directory) => Load(BundleManifestFile.Read(Path.Combine(Path.GetFullPath(directory), ManifestFile)));

    /// <summary>
    /// The bundle whose <c>bundle.json</c> the caller has read (<see cref="BundleManifestFile.Read"/>): the manifest is not
    /// read again, the member files are loaded from <see cref="BundleManifestFile.Folder"/> and checked against its sha256s.
    /// </summary>
    public static ModelBundle Load(BundleManifestFile read)
    {
        var (path, manifest) = (read.Path, read.Manifest);
        if (manifest.FormatVersion != BundleManifest.CurrentFormatVersion)
            throw new InvalidInputException(path, "format_version", $"expected {BundleManifest.CurrentFormatVersion}, got {manifest.FormatVersion}");
        CheckFeatures(path, manifest.Features);
        if (manifest.SupportWindows < 0)
            throw new InvalidInputException(path, "support_windows", $"expected 0 (every other tile) or a number of windows, got {manifest.SupportWindows}");
        var kind = ParseKind(path, manifest.Model);
        var n = manifest.Normalisation;
        if (n.DriverMean.Length != manifest.Features.Count || n.DriverStd.Length != manifest.Features.Count)
            throw new InvalidInputException(path, "normalisation", $"expected {manifest.Features.Count} driver means and standard deviations (one per feature)");
        var location = manifest.StaticFeatures.Location switch
        {
            BundleStaticFeatures.LocationEncoded => true,
            BundleStaticFeatures.LocationOff => false,
            var other => throw new InvalidInputException(path, "static_features.location",
                $"expected \"{BundleStaticFeatures.LocationEncoded}\" or \"{BundleStaticFeatures.LocationOff}\", got \"{other}\""),
        };
        var encoding = new FeatureEncoding(n.DriverMean, n.DriverStd, manifest.StaticFeatures.IgbpClasses, manifest.StaticFeatures.KoppenClasses,
            new TargetScales(n.GppScale, n.RecoScale, n.NeeScale, n.NeeMean)) 
            {
                Features = manifest.Features.Select(f => f.Name).ToArray(),
                Location = location,
                TrainedIgbp = manifest.StaticFeatures.IgbpTrained?.ToHashSet(),
                TrainedKoppen = manifest.StaticFeatures.KoppenTrained?.ToHashSet(),
            };
        var a = manifest.Architecture;
        var architecture = new ModelArchitecture(kind, a.InputSize, a.StaticSize, a.Hidden, a.Latent, a.Layers, a.Dropout);
        if (architecture.InputSize != encoding.InputSize || architecture.StaticSize != encoding.StaticSize)
            throw new InvalidInputException(path, "architecture", $"input_size {a.InputSize} / static_size {a.StaticSize} disagree with the features and classes ({encoding.InputSize} / {encoding.StaticSize})");
        if (manifest.Members.Count == 0)
            throw new InvalidInputException(path, "members", "the bundle lists no member");
        var members = new List<FluxSequenceModel>();
        foreach (var member in manifest.Members)
        {
            var file = Path.Combine(read.Folder, member.File);
            if (!File.Exists(file))
                throw new InvalidInputException(path, "members", $"member file '{member.File}' is missing");
            var sha = FileHash.Sha256(file);
            if (!string.Equals(sha, member.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException(file, null, $"sha256 {sha} differs from bundle.json's {member.Sha256}");
            FluxSequenceModel model;
            // Building initialises weights from the global generator: never in the middle of someone's training.
            using (TorchRuntime.HoldGlobalRandomState())
                model = architecture.Build();
            model.load(file);
            model.eval();
            members.Add(model);
        }
        return new ModelBundle(manifest, encoding, architecture, members, read.Identity);
    }

    /// <summary>
    /// Every feature the bundle names must be one this version knows, in the units it knows it in: a bundle of features
    /// since renamed or re-unitted would read wrong values silently. Whether a driver cube holds them is inference's check.
    /// </summary>
    private static void CheckFeatures(string path, IReadOnlyList<BundleFeature> features)
    {
        if (DriverFeatures.Problem(features.Select(f => f.Name).ToArray()) is { } problem)
            throw new InvalidInputException(path, "features", $"{problem}; retrain the model on the current features");
        foreach (var f in features)
            if (DriverFeatures.Find(f.Name)!.Units != f.Units)
                throw new InvalidInputException(path, "features",
                    $"feature '{f.Name}' is in {f.Units} in the bundle but in {DriverFeatures.Find(f.Name)!.Units} here; retrain the model on the current features");
    }

    private static ModelKind ParseKind(string path, string name)
    {
        try
        {
            var kind = ModelKinds.Parse(name);
            if (kind == ModelKind.Trees)
                throw new ArgumentException("trees are not stored as bundles");
            return kind;
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(path, "model", e.Message, e);
        }
    }
}
