using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Model.Tests.Training;

/// <summary>train and evaluate end to end on a training.nc and splits.json written by the Sites project.</summary>
public class WorkflowTests
{
    internal static string WriteInputsFor(string dir) => WriteInputs(dir);

    private static string WriteInputs(string dir)
    {
        var data = SyntheticSites.Create(sites: 6, days: 80);
        for (var i = 0; i < data.Qc.Length; i += 2)
            if (!float.IsNaN(data.Qc[i]))
                data.Qc[i] = 1;
        var sites = data.SiteIds.Select((id, s) => new SiteInfo(id, data.Latitude[s], data.Longitude[s], data.Igbp[s], data.Koppen[s], "synthetic")).ToArray();
        var dataset = new TrainingDataset(sites, new DateOnly(2005, 1, 1), data.Days, Core.Variables.DriverFeatures.Names,
            data.Drivers, data.Gpp, data.Reco, data.Nee, data.Qc, 10, 10);
        TrainingDatasetFile.Write(dataset, Path.Combine(dir, "training.nc"));
        var ids = data.SiteIds;
        SplitsFile.Write(new SiteSplits(1, 0.33, new Dictionary<string, SiteSplit>
        {
            ["igbp"] = new([ids[0], ids[1], ids[2], ids[3]], [ids[4], ids[5]]),
            ["koppen"] = new([ids[2], ids[3], ids[4], ids[5]], [ids[0], ids[1]]),
        }), Path.Combine(dir, "splits.json"));
        var config = new JsonObject
        {
            ["dataset"] = "training.nc",
            ["splits"] = "splits.json",
            ["split"] = "igbp",
            ["seeds"] = new JsonArray(1, 2),
            ["device"] = "cpu",
            ["models"] = new JsonArray("trees", "ctlstm", "tamrl"),
            ["evaluateSplits"] = new JsonArray("igbp"),
            ["training"] = new JsonObject
            {
                ["hidden"] = 8, ["latent"] = 4, ["windowLength"] = 10, ["windowStride"] = 10, ["supportWindows"] = 2,
                ["batchSize"] = 8, ["epochs"] = 2, ["pretrainEpochs"] = 1, ["holdoutFraction"] = 0.25, ["threads"] = 1,
            },
            ["trees"] = new JsonObject { ["iterations"] = 10, ["threads"] = 1, ["minimumExamplesPerLeaf"] = 5 },
        };
        var path = Path.Combine(dir, "model.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public void Train_WritesABundleThatPredictsTheDataset_AndEvaluate_WritesReports()
    {
        using var dir = new TempDirectory();
        var configPath = WriteInputs(dir.Path);
        var config = ModelRunConfig.Load(configPath);
        var output = Path.Combine(dir.Path, "out");

        var bundlePath = TrainWorkflow.Run(config, output, null, _ => { });
        var bundle = ModelBundle.Load(bundlePath);
        Assert.Equal(2, bundle.Members.Count);
        Assert.Equal(4, bundle.Manifest.TrainingSites.Count);
        Assert.True(File.Exists(Path.Combine(output, "model.checkpoints", "tamrl", "member_01", CheckpointState.StateFile)));

        var reports = EvaluateWorkflow.Run(config, output, null, _ => { });
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "evaluation.json")))!;
        foreach (var model in new[] { "trees", "ctlstm", "tamrl" })
            Assert.Equal(2, json["splits"]!["igbp"]!["models"]![model]!["gpp"]!["sites"]!.GetValue<int>());
        Assert.False(Directory.Exists(reports + ".staging"));
    }

    [Fact]
    public void Load_RefusesAnUnknownModel_NamingTheFieldAndFile()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, """{"dataset": "a.nc", "splits": "s.json", "models": ["tamrl", "xgboost"]}""");
        var e = Assert.Throws<InvalidInputException>(() => ModelRunConfig.Load(path));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("models", e.Message);
        Assert.Contains("xgboost", e.Message);
    }

    [Fact]
    public void Load_RefusesANegativeWarmup_BeforeAnyTraining()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, """{"dataset": "a.nc", "splits": "s.json", "training": {"warmupDays": -5}}""");
        var e = Assert.Throws<InvalidInputException>(() => ModelRunConfig.Load(path));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("training.warmupDays", e.Message);
    }

    [Fact]
    public void Load_RefusesANegativeTrainingWarmup_BeforeAnyTraining()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, """{"dataset": "a.nc", "splits": "s.json", "training": {"trainWarmupDays": -1}}""");
        var e = Assert.Throws<InvalidInputException>(() => ModelRunConfig.Load(path));
        Assert.Contains("training.trainWarmupDays", e.Message);
    }
}

/// <summary>train and evaluate with the land-representative class weights, which read a driver cube's static fields.</summary>
public class LandWeightedWorkflowTests
{
    [Fact]
    public void LandClassWeights_WithoutALandCover_AreRefusedBeforeTraining_NamingTheField()
    {
        using var dir = new TempDirectory();
        var config = JsonNode.Parse(File.ReadAllText(WorkflowTests.WriteInputsFor(dir.Path)))!.AsObject();
        config["training"]!["classWeights"] = "land";
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, config.ToJsonString());
        var log = new List<string>();
        var e = Assert.Throws<InvalidInputException>(() => TrainWorkflow.Run(ModelRunConfig.Load(path), Path.Combine(dir.Path, "out"), null, log.Add));
        Assert.Contains("landCover", e.Message);
        Assert.DoesNotContain(log, l => l.Contains("epoch"));
        File.WriteAllText(path, """{"dataset": "a.nc", "splits": "s.json", "training": {"classWeights": "area"}}""");
        e = Assert.Throws<InvalidInputException>(() => ModelRunConfig.Load(path));
        Assert.Contains("training.classWeights", e.Message);
        Assert.Contains("area", e.Message);
    }

    [Fact]
    public void Train_WithLandClassWeights_ReadsTheCubesLand_AndTrainsOtherWeightsThanThePapers()
    {
        using var dir = new TempDirectory();
        var equalConfig = WorkflowTests.WriteInputsFor(dir.Path);
        WriteCube(Path.Combine(dir.Path, "drivers"));
        var config = JsonNode.Parse(File.ReadAllText(equalConfig))!.AsObject();
        config["training"]!["classWeights"] = "land";
        config["landCover"] = "drivers";
        var landConfig = Path.Combine(dir.Path, "land.json");
        File.WriteAllText(landConfig, config.ToJsonString());

        var log = new List<string>();
        var land = ModelBundle.Load(TrainWorkflow.Run(ModelRunConfig.Load(landConfig), Path.Combine(dir.Path, "land"), null, log.Add));
        var equal = ModelBundle.Load(TrainWorkflow.Run(ModelRunConfig.Load(equalConfig), Path.Combine(dir.Path, "equal"), null, _ => { }));

        Assert.Contains(log, l => l.Contains("land-representative class weights") && l.Contains("effective sites"));
        Assert.NotEqual(equal.Identity, land.Identity);
        var reports = EvaluateWorkflow.Run(ModelRunConfig.Load(landConfig), Path.Combine(dir.Path, "land"), null, _ => { });
        Assert.True(File.Exists(Path.Combine(reports, "evaluation.json")));
    }

    /// <summary>A 2 x 2 cube of one month whose land is mostly the first training site's IGBP class, so the weights differ from the paper's.</summary>
    private static void WriteCube(string directory)
    {
        Directory.CreateDirectory(directory);
        var grid = new Core.Grid.RegularLatLonGrid(2, 2, -10, 10, 10, 10);
        var data = SyntheticSites.Create(sites: 6, days: 80);
        var classes = new[] { data.Igbp[0], data.Igbp[0], data.Igbp[0], data.Igbp[5] };
        var koppen = new[] { data.Koppen[0], data.Koppen[1], data.Koppen[2], data.Koppen[3] };
        Ingest.DriverCube.DriverCubeWriter.WriteStatic(Path.Combine(directory, Ingest.DriverCube.DriverCubeLayout.StaticFileName), grid,
            new Ingest.DriverCube.StaticFields([1f, 1f, 1f, 1f], new float[4], classes, koppen));
        var month = new Ingest.DriverCube.CubeMonth(2005, 1);
        using var writer = Ingest.DriverCube.DriverMonthWriter.Create(Path.Combine(directory, Ingest.DriverCube.DriverCubeLayout.MonthFileName(month)), grid, month, [true, true, true, true]);
        foreach (var feature in Core.Variables.DriverFeatures.All)
            for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
                writer.WriteDay(feature.Name, day, [1f, 1f, 1f, 1f]);
        writer.Complete();
    }
}
