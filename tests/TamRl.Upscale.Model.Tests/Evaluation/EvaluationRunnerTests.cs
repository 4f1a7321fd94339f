using System.Text.Json.Nodes;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.TestSupport;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Evaluation;

public class EvaluationRunnerTests
{
    [Fact]
    public void Run_ScoresEveryModelOnEveryHeldOutSite_AndWritesTheReports()
    {
        var data = SyntheticSites.Create(sites: 6, days: 100);
        // Set every QC to 1 on even days so each site has test days.
        for (var i = 0; i < data.Qc.Length; i += 2)
            if (!float.IsNaN(data.Qc[i]))
                data.Qc[i] = 1;
        var ids = data.SiteIds;
        var splits = new SiteSplits(1, 0.33, new Dictionary<string, SiteSplit>
        {
            ["igbp"] = new([ids[0], ids[1], ids[2], ids[3]], [ids[4], ids[5]]),
            ["koppen"] = new([ids[2], ids[3], ids[4], ids[5]], [ids[0], ids[1]]),
        });
        var options = new EvaluationOptions
        {
            Seeds = [1, 2],
            Training = SyntheticSites.TinyOptions with { Epochs = 2 },
            Trees = new() { Iterations = 20, Threads = 1, MinimumExamplesPerLeaf = 5 },
        };
        var results = new EvaluationRunner(CPU).Run(data, splits, options);

        Assert.Equal(2 * 4 * 2 * 3, results.Count); // splits x models x test sites x fluxes
        Assert.All(results, r => Assert.True(r.Metrics.Rmse >= 0 && r.Metrics.Days > 0));
        Assert.Equal([ids[4], ids[5]], results.Where(r => r.Split == "igbp").Select(r => r.Site).Distinct().Order());

        var summary = new EvaluationSummary(results);
        var trees = summary.Mean("igbp", "trees", "gpp")!;
        Assert.Equal(1.0, trees.RmseRelativeToTrees!.Value, 12);
        var tamRl = summary.Mean("igbp", ModelKinds.Name(ModelKind.TamRl), "gpp")!;
        Assert.Equal(tamRl.Rmse / trees.Rmse, tamRl.RmseRelativeToTrees!.Value, 9);

        using var dir = new TempDirectory();
        EvaluationReport.Write(dir.Path, summary, "test");
        var keep = Environment.GetEnvironmentVariable("TAMRL_KEEP_REPORTS");
        if (!string.IsNullOrEmpty(keep))
            CopyDirectory(dir.Path, keep);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "evaluation.json")))!;
        Assert.Equal(2, json["splits"]!["koppen"]!["models"]!["tamrl"]!["nee"]!["sites"]!.GetValue<int>());
        Assert.Contains("| TAM-RL |", File.ReadAllText(Path.Combine(dir.Path, "evaluation.md")));
        // An independent validator (python3-jsonschema) checks the report against the published schema.
        var check = ExternalTool.Run("python3", "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            RepoPaths.Root + "/schemas/evaluation.schema.json", Path.Combine(dir.Path, "evaluation.json"));
        Assert.True(check.ExitCode == 0, check.StdErr);
        var figures = Directory.GetFiles(Path.Combine(dir.Path, "figures"), "*.png");
        Assert.Contains(figures, f => Path.GetFileName(f) == "rmse_by_igbp_gpp_igbp.png");
        Assert.Contains(figures, f => Path.GetFileName(f) == "rmse_relative_to_trees_koppen_nee_koppen.png");
        Assert.Contains(figures, f => Path.GetFileName(f) == "sites_r2_gpp_koppen.png");
        foreach (var png in figures)
        {
            var header = File.ReadAllBytes(png).AsSpan(0, 24).ToArray();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header[..4]);
            Assert.Equal(1000, (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19]);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
