using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.TestSupport;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Evaluation;

public class TowerTruthTests
{
    private static readonly DateOnly First = new(2019, 1, 1);

    private static SiteSeriesSet Data()
    {
        var data = SyntheticSites.Create(sites: 6, days: 100);
        for (var i = 0; i < data.Qc.Length; i += 2)
            if (!float.IsNaN(data.Qc[i]))
                data.Qc[i] = 1;
        return new SiteSeriesSet(data.SiteIds, data.Days, data.Drivers, data.Gpp, data.Reco, data.Nee, data.Qc, data.Igbp, data.Koppen, data.Latitude, data.Longitude)
        {
            FirstDay = First,
        };
    }

    /// <summary>A truth file equal to the observations plus <paramref name="gppOffset"/> on GPP, and the no-latent twin at twice it.</summary>
    private static string WriteTruth(TempDirectory dir, SiteSeriesSet data, float gppOffset, IEnumerable<int>? sites = null)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("site_id,date,gpp,reco,nee,gpp_without_latent,reco_without_latent,nee_without_latent\n");
        // A day before the dataset's period, which must be skipped.
        text.Append(c, $"{data.SiteIds[0]},2018-12-31,1,1,0,1,1,0\n");
        foreach (var s in sites ?? Enumerable.Range(0, data.Sites))
            for (var d = 0; d < data.Days; d++)
            {
                var i = s * data.Days + d;
                float V(float v) => float.IsNaN(v) ? 0 : v;
                text.Append(c, $"{data.SiteIds[s]},{First.AddDays(d):yyyy-MM-dd},{V(data.Gpp[i]) + gppOffset},{V(data.Reco[i])},{V(data.Nee[i])},{V(data.Gpp[i]) + 2 * gppOffset},{V(data.Reco[i])},{V(data.Nee[i])}\n");
            }
        var path = Path.Combine(dir.Path, "towers.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Evaluate_ScoresTheTruthOnTheSameSites_AsTheFloorsOfTheComparison()
    {
        var data = Data();
        using var dir = new TempDirectory();
        var truth = TowerTruth.Read(WriteTruth(dir, data, gppOffset: 0.5f), First, data.Days);
        var ids = data.SiteIds;
        var splits = new SiteSplits(1, 0.33, new Dictionary<string, SiteSplit> { ["igbp"] = new([ids[0], ids[1], ids[2], ids[3]], [ids[4], ids[5]]) });
        var options = new EvaluationOptions
        {
            Models = [ModelKind.Trees],
            Splits = ["igbp"],
            Trees = new() { Iterations = 20, Threads = 1, MinimumExamplesPerLeaf = 5 },
            TowerTruth = truth,
        };
        var summary = new EvaluationSummary(new EvaluationRunner(CPU).Run(data, splits, options));

        // The truth row is scored on the held-out sites only: RMSE 0.5 on GPP (the offset), 0 on RECO and NEE.
        Assert.Equal(0.5, summary.Mean("igbp", TowerTruth.TruthModel, "gpp")!.Rmse, 5);
        Assert.Equal(0.0, summary.Mean("igbp", TowerTruth.TruthModel, "nee")!.Rmse, 5);
        Assert.Equal(2, summary.Mean("igbp", TowerTruth.TruthModel, "nee")!.Sites);
        Assert.Equal(1.0, summary.Mean("igbp", TowerTruth.NoLatentModel, "gpp")!.Rmse, 5);
        Assert.Equal(0.0, summary.Mean("igbp", TowerTruth.NoLatentModel, "nee")!.Rmse, 5);

        EvaluationReport.Write(dir.Path, summary, "test");
        Assert.Contains("| Tower truth (noise-free; the floor) |", File.ReadAllText(Path.Combine(dir.Path, "evaluation.md")));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "evaluation.json")))!;
        Assert.Equal(0.5, json["splits"]!["igbp"]!["models"]!["truth"]!["gpp"]!["rmse"]!.GetValue<double>(), 5);
        var check = ExternalTool.Run("python3", "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            RepoPaths.Root + "/schemas/evaluation.schema.json", Path.Combine(dir.Path, "evaluation.json"));
        Assert.True(check.ExitCode == 0, check.StdErr);
    }

    [Fact]
    public void ATruthFileWithoutATestSite_IsRefused_NamingTheFileAndTheSite()
    {
        var data = Data();
        using var dir = new TempDirectory();
        var truth = TowerTruth.Read(WriteTruth(dir, data, 0, sites: [0, 1, 2]), First, data.Days);
        var e = Assert.Throws<InvalidInputException>(() => truth.Predictions(data, [1, 4], withoutLatent: false));
        Assert.Contains("towers.csv", e.Message);
        Assert.Contains(data.SiteIds[4], e.Message);
    }

    [Fact]
    public void ABadValue_IsRefused_NamingTheColumnAndLine()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "towers.csv");
        File.WriteAllText(path, "site_id,date,gpp,reco,nee,gpp_without_latent,reco_without_latent,nee_without_latent\nXX-S00,2019-01-01,1,2,1,1,2,1\nXX-S00,2019-01-02,n/a,2,1,1,2,1\n");
        var e = Assert.Throws<InvalidInputException>(() => TowerTruth.Read(path, First, 10));
        Assert.Contains("gpp", e.Message);
        Assert.Contains("line 3", e.Message);
        File.WriteAllText(path, "site,date,gpp\n");
        Assert.Contains("header", Assert.Throws<InvalidInputException>(() => TowerTruth.Read(path, First, 10)).Message);
    }
}
