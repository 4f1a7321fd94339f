using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class ModelBundleTests
{
    /// <summary>A bundle path inside the test's folder (a save puts model.versions beside it).</summary>
    private static string BundleIn(TempDirectory dir) => Path.Combine(dir.Path, "model");

    private static byte[] Weights(FluxSequenceModel model)
    {
        var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    /// <summary>A one-member bundle saved into <paramref name="dir"/>, its bundle.json then edited.</summary>
    private static void SavedBundleWithManifest(TempDirectory dir, Action<JsonNode> edit)
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        ModelBundle.Save(BundleIn(dir), encoding, 10, members, data.SiteIds, "igbp");
        var manifestPath = Path.Combine(BundleIn(dir), ModelBundle.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        edit(json);
        File.WriteAllText(manifestPath, json.ToJsonString());
    }

    [Fact]
    public void SaveThenLoad_GivesBitIdenticalWeights_AndTheSameEncoding()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble();
        using var dir = new TempDirectory();
        var path = BundleIn(dir);
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");

        var bundle = ModelBundle.Load(path);
        Assert.Equal(2, bundle.Members.Count);
        for (var i = 0; i < members.Count; i++)
            Assert.Equal(Weights(members[i].Model), Weights(bundle.Members[i]));
        Assert.Equal(encoding.DriverMean, bundle.Encoding.DriverMean);
        Assert.Equal(encoding.DriverStd, bundle.Encoding.DriverStd);
        Assert.Equal(encoding.Targets, bundle.Encoding.Targets);
        Assert.Equal(data.SiteIds, bundle.Manifest.TrainingSites);
        Assert.False(Directory.Exists(path + ".staging"));
    }

    [Fact]
    public void Load_OfAManifestTheCallerRead_DoesNotReadBundleJsonAgain_AndTakesTheMembersFromItsFolder()
    {
        // tamrl infer reads bundle.json once (identity, provenance, weights): the load starts from what was read.
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        var path = BundleIn(dir);
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");
        var read = BundleManifestFile.Read(path);
        File.WriteAllText(read.Path, "not a manifest any more");

        var bundle = ModelBundle.Load(read);

        Assert.Equal(read.Identity, bundle.Identity);
        Assert.Equal(Weights(members[0].Model), Weights(bundle.Members[0]));
        Assert.Equal(Path.GetDirectoryName(read.Path), read.Folder);
        Assert.Throws<InvalidInputException>(() => ModelBundle.Load(path)); // a fresh load reads the file, now broken
    }

    [Fact]
    public void FromBundle_NamesItsPredictionsByTheBundle_InFp32_AndApartFromThemInBf16()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        using var dir = new TempDirectory();
        var path = BundleIn(dir);
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");
        var bundle = ModelBundle.Load(path);

        // fp32 keeps the identity earlier runs recorded; bf16 chunks must never pass for fp32 ones (or resume them).
        Assert.Equal(bundle.Identity, EnsemblePredictor.FromBundle(bundle, InferencePrecision.Float32).Identity);
        var bf16 = EnsemblePredictor.FromBundle(bundle, InferencePrecision.BFloat16).Identity;
        Assert.NotEqual(bundle.Identity, bf16);
        Assert.Equal(InferencePrecisions.Identity(BundleManifestFile.Read(path).Identity, InferencePrecision.BFloat16), bf16);
    }

    [Fact]
    public void SaveThenLoad_KeepsAnEncodingWithoutLocation_WhoseStaticVectorHasNoCoordinates()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        ModelBundle.Save(BundleIn(dir), encoding with { Location = false }, 10, members, data.SiteIds, "igbp");

        var bundle = ModelBundle.Load(BundleIn(dir));
        Assert.False(bundle.Encoding.Location);
        Assert.Equal("none", bundle.Manifest.StaticFeatures.Location);
        var without = bundle.Encoding.EncodeStatic(3, 5, 45f, 90f);
        var with = encoding.EncodeStatic(3, 5, 45f, 90f);
        Assert.Equal(with[..^3], without[..^3]);
        Assert.Equal(new[] { 0.5f, 1f }, with[^3..^1].Select(v => MathF.Round(v, 5)));
        Assert.Equal(new[] { 0f, 0f, 0f }, without[^3..]);
    }

    [Fact]
    public void SaveThenLoad_KeepsTheTrainedClasses_AndABundleWithoutThemKnowsEveryClass()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        ModelBundle.Save(BundleIn(dir), encoding, 10, members, data.SiteIds, "igbp");
        var bundle = ModelBundle.Load(BundleIn(dir));
        Assert.Equal(new[] { 1, 2, 3 }, bundle.Encoding.TrainedIgbp!.Order());
        Assert.Equal(new[] { 5, 6 }, bundle.Encoding.TrainedKoppen!.Order());
        Assert.Equal(0f, bundle.Encoding.EncodeStatic(12, 5, 0f, 0f)[12]);

        using var old = new TempDirectory();
        SavedBundleWithManifest(old, json =>
        {
            json["static_features"]!.AsObject().Remove("igbp_trained");
            json["static_features"]!.AsObject().Remove("koppen_trained");
        });
        var legacy = ModelBundle.Load(BundleIn(old));
        Assert.Null(legacy.Encoding.TrainedIgbp);
        Assert.Equal(1f, legacy.Encoding.EncodeStatic(12, 5, 0f, 0f)[12]);
    }

    [Fact]
    public void Save_IntoAnExistingEmptyFolder_LeavesALoadableBundleThere()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        var path = BundleIn(dir);
        Directory.CreateDirectory(path);
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");
        Assert.Single(ModelBundle.Load(path).Members);
    }

    [Fact]
    public void Load_RefusesALocationEncodingItDoesNotKnow()
    {
        using var dir = new TempDirectory();
        SavedBundleWithManifest(dir, json => json["static_features"]!["location"] = "lat, lon");

        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(BundleIn(dir)));
        Assert.Contains("static_features.location", e.Message);
        Assert.Contains("\"none\"", e.Message);
    }

    [Fact]
    public void Load_RefusesABundleWhoseFeatureUnitsDifferFromTodays()
    {
        using var dir = new TempDirectory();
        SavedBundleWithManifest(dir, json => json["features"]![3]!["units"] = "kPa");

        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(BundleIn(dir)));
        Assert.Contains("bundle.json", e.Message);
        Assert.Contains("features", e.Message);
        Assert.Contains("feature 'vpd' is in kPa in the bundle but in hPa here", e.Message);
    }

    [Fact]
    public void Load_RefusesAMemberWhoseChecksumDiffers()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        ModelBundle.Save(BundleIn(dir), encoding, 10, members, data.SiteIds, "igbp");
        var member = Path.Combine(BundleIn(dir), "member_00.bin");
        var bytes = File.ReadAllBytes(member);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(member, bytes);
        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(BundleIn(dir)));
        Assert.Contains("member_00.bin", e.Message);
        Assert.Contains("sha256", e.Message);
    }

    [Fact]
    public void SaveThenLoad_KeepsAModelsOwnFeatureList_AndItsPredictorRefusesDriversWithOthers()
    {
        var full = SyntheticSites.Create(sites: 4, days: 60);
        // The same sites with the tower feature set: ta, sw_in, vpd and two computed features.
        string[] names = ["ta", "sw_in", "vpd", "sw_pot", "season_sin"];
        var picked = new[] { 0, 4, 3, 4, 7 };
        var drivers = new float[full.Sites * full.Days * names.Length];
        for (var i = 0; i < full.Sites * full.Days; i++)
            for (var k = 0; k < names.Length; k++)
                drivers[i * names.Length + k] = full.Drivers[i * full.Features + picked[k]];
        var data = new SiteSeriesSet(full.SiteIds, full.Days, drivers, full.Gpp, full.Reco, full.Nee, full.Qc, full.Igbp, full.Koppen, full.Latitude, full.Longitude, names);
        var train = Enumerable.Range(0, data.Sites).ToArray();
        var encoding = FeatureEncoding.Fit(data, train);
        var members = new EnsembleTrainer(new EncodedSites(data, encoding), train, SyntheticSites.TinyOptions with { Epochs = 1, PretrainEpochs = 0 }, TorchSharp.torch.CPU)
            .Train(ModelKind.TamRl, [1]);
        using var dir = new TempDirectory();
        ModelBundle.Save(BundleIn(dir), encoding, 10, members, data.SiteIds, "all");

        var bundle = ModelBundle.Load(BundleIn(dir));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(BundleIn(dir), ModelBundle.ManifestFile)))!;
        Assert.Equal(names, json["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal("W m-2", json["features"]![3]!["units"]!.GetValue<string>());
        Assert.Equal(names, bundle.Encoding.Features);
        var predictor = EnsemblePredictor.FromBundle(bundle);
        Assert.Equal(names, predictor.Features);

        var ok = Model.Evaluation.EvaluationRunner.Pixels(data, [0, 1]);
        Assert.Equal(2 * data.Days, predictor.Predict(ok).Gpp.Length);
        var cube = TestModels.Pixels(full); // the driver cube's ten features
        var e = Assert.Throws<ArgumentException>(() => predictor.Predict(cube));
        Assert.Contains("feature 'sw_in' (position 2)", e.Message);
    }

    [Fact]
    public void Load_RefusesABundleNamingAFeatureThisVersionDoesNotKnow()
    {
        using var dir = new TempDirectory();
        SavedBundleWithManifest(dir, json => json["features"]![0]!["name"] = "tair");

        var e = Assert.Throws<InvalidInputException>(() => ModelBundle.Load(BundleIn(dir)));
        Assert.Equal("features", e.Variable);
        Assert.Contains("unknown feature 'tair'", e.Message);
    }

    [Fact]
    public void Save_LeavesThePreviousBundleLoadable_WhenInterruptedAtAnyStep()
    {
        var (data, encoding, first) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var (_, _, second) = TestModels.TrainedEnsemble(members: 1, epochs: 2);
        var steps = new List<string>();
        using (var probe = new TempDirectory())
        {
            var probePath = Path.Combine(probe.Path, "model");
            ModelBundle.Save(probePath, encoding, 10, first, data.SiteIds, "igbp");
            ModelBundle.Save(probePath, encoding, 10, second, data.SiteIds, "igbp", onStep: steps.Add);
        }
        Assert.NotEmpty(steps);

        foreach (var step in steps)
        {
            using var dir = new TempDirectory();
            var path = Path.Combine(dir.Path, "model");
            ModelBundle.Save(path, encoding, 10, first, data.SiteIds, "igbp");
            var before = ModelBundle.Load(path).Identity;

            // A crash at this step: the exception stops the save where a kill would.
            Assert.Throws<InvalidOperationException>(() => ModelBundle.Save(path, encoding, 10, second, data.SiteIds, "igbp",
                onStep: s => { if (s == step) throw new InvalidOperationException("killed at " + s); }));

            var after = ModelBundle.Load(path).Identity; // the old bundle, or the new one once the pointer moved, never none
            if (after != before)
                Assert.Equal(steps.IndexOf("swapped"), steps.IndexOf(step));
        }
    }

    [Fact]
    public void Save_KeepsTheEarlierBundlesVersionedFolderIntact_WhenARetrainedModelIsSaved()
    {
        var (data, encoding, first) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var (_, _, second) = TestModels.TrainedEnsemble(members: 1, epochs: 2);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "model");
        ModelBundle.Save(path, encoding, 10, first, data.SiteIds, "igbp");
        var firstIdentity = ModelBundle.Load(path).Identity;
        var firstFolder = ModelBundle.VersionFolder(path, firstIdentity);
        var firstFiles = Directory.GetFiles(firstFolder).Order().Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))).ToList();

        ModelBundle.Save(path, encoding, 10, second, data.SiteIds, "igbp");

        var current = ModelBundle.Load(path);
        Assert.NotEqual(firstIdentity, current.Identity);
        Assert.Equal(ModelBundle.VersionFolder(path, current.Identity), Path.GetFullPath(Path.Combine(dir.Path, new DirectoryInfo(path).LinkTarget!)));
        Assert.Equal(firstFiles, Directory.GetFiles(firstFolder).Order().Select(f => (Path.GetFileName(f), Convert.ToHexString(File.ReadAllBytes(f)))).ToList());
        Assert.Equal(firstIdentity, ModelBundle.Load(firstFolder).Identity);
        // What a run planned on the first bundle loads its chunks from (Pipeline/TamRlPipeline.InferChunk).
        Assert.Equal(Path.Combine(firstFolder, ModelBundle.ManifestFile), ModelBundle.SavedVersion(path, firstIdentity));
        Assert.Null(ModelBundle.SavedVersion(path, new string('0', 64)));
    }

    [Fact]
    public void Save_KeepsAnOldLayoutBundleFolder_AsAVersion_AndLoadReadsBoth()
    {
        var (data, encoding, first) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var (_, _, second) = TestModels.TrainedEnsemble(members: 1, epochs: 2);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "model");
        // An old-layout bundle: a plain folder with bundle.json and the members, as Save wrote before versions.
        var version = Path.Combine(dir.Path, "elsewhere");
        ModelBundle.Save(version, encoding, 10, first, data.SiteIds, "igbp");
        CopyFolder(Path.Combine(dir.Path, new DirectoryInfo(version).LinkTarget!), path);
        Assert.Null(new DirectoryInfo(path).LinkTarget);
        var oldIdentity = ModelBundle.Load(path).Identity;

        ModelBundle.Save(path, encoding, 10, second, data.SiteIds, "igbp");

        Assert.NotNull(new DirectoryInfo(path).LinkTarget);
        Assert.NotEqual(oldIdentity, ModelBundle.Load(path).Identity);
        Assert.Equal(oldIdentity, ModelBundle.Load(ModelBundle.VersionFolder(path, oldIdentity)).Identity);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
