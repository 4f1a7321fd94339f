using System.Text.Json.Nodes;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.Sites.Stage;
using TamRl.Upscale.Sites.Windows;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Model.Tests.Evaluation;

/// <summary>
/// The quick mode of the real-tower comparison: 12 real FLUXNET2015 towers (data/real/towers-fluxnet2015) with their own
/// meteorology, tiny models, a user's split file; the benchmark runs the same path on all 143 (bench/run.sh towers).
/// </summary>
public class RealTowerEvaluationTests
{
    private static readonly string[] Test = ["DE-Zrk", "US-Wi6", "AU-RDF"];

    /// <summary>The training dataset of the 12 towers and a model configuration over it.</summary>
    private static string Prepare(TempDirectory dir)
    {
        var request = new ExtractSitesRequest(RepoPaths.RealData("towers-fluxnet2015"), "unused", Path.Combine(dir.Path, "sites"), 7,
            new SiteExtractionOptions { Columns = TowerColumns.Reference })
        {
            TowerMeteorology = true,
        };
        ExtractSitesStage.Run(request);
        var config = dir.File("model.json");
        File.WriteAllText(config, $$"""
            {
              "dataset": "sites/training.nc", "splits": "sites/splits.json",
              "models": ["trees", "tamrl"], "evaluateSplits": ["igbp"], "seeds": [1],
              "carbonBench": "{{RepoPaths.RealData("carbonbench")}}",
              "trees": { "iterations": 30, "minimumExamplesPerLeaf": 20, "threads": 1 },
              "training": { "hidden": 8, "latent": 4, "windowLength": 30, "windowStride": 30, "warmupDays": 10, "trainWarmupDays": 10,
                            "epochs": 2, "pretrainEpochs": 1, "patience": 2, "batchSize": 16, "maxBatchesPerEpoch": 4, "threads": 1 }
            }
            """);
        return config;
    }

    [Fact]
    public void Evaluate_OnRealTowersWithTheirOwnMeteorology_ScoresTheUsersTestSites_AndWritesAValidReport()
    {
        using var dir = new TempDirectory();
        var config = Prepare(dir);
        var splits = dir.File("user-splits.json");
        var train = SiteTable.Read(RepoPaths.RealData("towers-fluxnet2015")).Select(s => s.Id).Except(Test).ToArray();
        File.WriteAllText(splits, new JsonObject
        {
            ["splits"] = new JsonArray(new JsonObject
            {
                ["name"] = "quick",
                ["train"] = new JsonArray(train.Select(t => (JsonNode?)t).ToArray()),
                ["test"] = new JsonArray(Test.Select(t => (JsonNode?)t).ToArray()),
            }),
        }.ToJsonString());

        var reports = EvaluateWorkflow.Run(ModelRunConfig.Load(config), dir.Path, "cpu", _ => { }, splits);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "evaluation.json")))!;
        var quick = json["splits"]!["quick"]!;
        Assert.Equal(Test.Order(), quick["sites"]!.AsArray().Select(s => s!["site"]!.GetValue<string>()).Distinct().Order());
        var nee = quick["models"]!["tamrl"]!["nee"]!;
        Assert.Equal(3, nee["sites"]!.GetValue<int>());
        Assert.True(nee["median_rmse"]!.GetValue<double>() > 0);
        Assert.Equal(3, nee["versus_trees"]!["pairs"]!.GetValue<int>());
        Assert.Equal("ta,sw_in,vpd,sw_pot,day_length,season_sin,season_cos", json["provenance"]!["features"]!.GetValue<string>());
        // CarbonBench scored DE-Zrk on its IGBP split: shown beside ours. Our split is named "quick", so none is matched by split.
        Assert.Empty(quick["carbonbench"]!.AsArray());
        ExternalTool.RunOk("python3", "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            RepoPaths.Root + "/schemas/evaluation.schema.json", Path.Combine(reports, "evaluation.json"));
        var markdown = File.ReadAllText(Path.Combine(reports, "evaluation.md"));
        Assert.Contains("wins / losses", markdown);
        Assert.Contains("Medians of the per-site scores", markdown);

        // The reports rewritten from their own per-site results, without training, say the same (to the 6 decimals
        // the per-site scores are written with).
        EvaluateWorkflow.RewriteReports(ModelRunConfig.Load(config), dir.Path);
        var again = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "evaluation.json")))!["splits"]!["quick"]!;
        Assert.Equal(quick["sites"]!.ToJsonString(), again["sites"]!.ToJsonString());
        foreach (var flux in new[] { "gpp", "nee" })
            Assert.Equal(quick["models"]!["tamrl"]![flux]!["rmse"]!.GetValue<double>(), again["models"]!["tamrl"]![flux]!["rmse"]!.GetValue<double>(), 5);
        Assert.Contains("wins / losses", File.ReadAllText(Path.Combine(reports, "evaluation.md")));
    }

    [Fact]
    public void Evaluate_InValidationMode_NeverScoresATestSite_AndRepeatsBySplitSeed()
    {
        using var dir = new TempDirectory();
        var config = ModelRunConfig.Load(Prepare(dir)) with { SplitSeeds = [3, 4], Models = ["trees", "tamrl"] };
        var data = TrainWorkflow.LoadData(config, out var datasetSplits);

        var outer = EvaluateWorkflow.Splits(config, data, datasetSplits, null);
        var inner = outer.Select(s => EvaluateWorkflow.Validation(s, data, config.TestFraction)).ToList();

        Assert.Equal([3, 4], outer.Select(s => s.Repeat));
        Assert.NotEqual(outer[0].Test, outer[1].Test);
        for (var i = 0; i < outer.Count; i++)
        {
            Assert.Empty(inner[i].Test.Intersect(outer[i].Test));
            Assert.Empty(inner[i].Train.Intersect(outer[i].Test));
            Assert.Equal(outer[i].Train.Order(), inner[i].Train.Concat(inner[i].Test).Order());
            Assert.NotEmpty(inner[i].Test);
        }

        var reports = EvaluateWorkflow.Run(config, dir.Path, "cpu", _ => { }, validation: true);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "evaluation.json")))!;
        var scored = json["splits"]!["igbp"]!["sites"]!.AsArray().Select(s => (s!["site"]!.GetValue<string>(), s["repeat"]!.GetValue<int>())).ToHashSet();
        foreach (var split in inner)
        {
            Assert.Contains(scored, x => x.Item2 == split.Repeat);
            Assert.All(scored.Where(x => x.Item2 == split.Repeat), x => Assert.Contains(x.Item1, split.Test));
        }
        // Validation members checkpoint apart from a test run's (other training sites, same split names).
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "evaluation.checkpoints-validation")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "evaluation.checkpoints")));
        Assert.Equal([3, 4], json["repeats"]!.AsArray().Select(r => r!.GetValue<int>()));
        // The figures pair TAM-RL with the trees per (site, repeat): a site validated in both repeats is two points, not an error.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(reports, "figures"), "sites_rmse_*.png"));
    }

    [Fact]
    public void Evaluate_RefusesAUserSplitNamingASiteTheDatasetLacks_NamingFileAndField()
    {
        using var dir = new TempDirectory();
        var config = Prepare(dir);
        var splits = dir.File("user-splits.json");
        File.WriteAllText(splits, """{"splits": [{"name": "x", "train": ["AU-Rob", "DK-Fou"], "test": ["US-Wi6", "XX-Nope"]}]}""");

        var e = Assert.Throws<Core.Errors.InvalidInputException>(() => EvaluateWorkflow.Run(ModelRunConfig.Load(config), dir.Path, "cpu", _ => { }, splits));

        Assert.Equal(splits, e.FilePath);
        Assert.Equal("splits[0].test", e.Variable);
        Assert.Contains("'XX-Nope' is not in the dataset", e.Message);
    }

    [Fact]
    public void Load_RefusesRepeatedSplitSeeds_AndSeedZero()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.json");
        foreach (var seeds in new[] { "[1, 1]", "[0, 2]" })
        {
            File.WriteAllText(path, $$"""{ "dataset": "d.nc", "splits": "s.json", "splitSeeds": {{seeds}} }""");
            var e = Assert.Throws<Core.Errors.InvalidInputException>(() => ModelRunConfig.Load(path));
            Assert.Equal("splitSeeds", e.Variable);
        }
    }
}
