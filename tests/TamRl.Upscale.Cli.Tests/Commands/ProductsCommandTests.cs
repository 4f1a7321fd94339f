using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

/// <summary><c>tamrl infer</c>, <c>publish</c> and <c>score</c> as a user runs them.</summary>
public class ProductsCommandTests
{
    private static readonly string[] WideBounds = ["--gpp-bounds", "1,1000", "--reco-bounds", "1,1000", "--nee-bounds", "-500,500"];

    [Fact]
    public void Publish_PublishesAnInferredRun_AndPrintsTheSteps()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/r"));

        var r = Tamrl.Run(["publish", "--run", dir.File("runs/r"), "--out", dir.Path, "--no-quicklooks", .. WideBounds]);

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("publish: Swapped", r.StdOut);
        Assert.True(File.Exists(dir.File("products/manifest.json")));
        Assert.True(File.Exists(dir.File("products/2021-01-01_2021-02-28/cog/gpp_2021-01.tif")));
    }

    [Fact]
    public void Publish_ExitsWith2AndPublishesNothing_WhenAGlobalTotalIsImplausible()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/r"));

        var r = Tamrl.Run("publish", "--run", dir.File("runs/r"), "--out", dir.Path, "--no-quicklooks", "--gpp-bounds", "0,1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("global_totals", r.StdErr);
        Assert.Contains("checks.json", r.StdErr);
        Assert.False(Directory.Exists(dir.File("products/2021-01-01_2021-02-28")));
    }

    [Fact]
    public void Infer_RunsEveryChunk_ThenOnlyTheChunksOfABox_WithTheLoadersPredictorAndDevice()
    {
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));
        DriverCubeFiles.Write(dir.File("drivers"), new SyntheticDriverCube(RegularLatLonGrid.Global(10), period), period.Months());
        File.WriteAllText(dir.File("bundle.json"), """{"format_version": 1, "training_sites": ["US-Wi7"]}""");
        var devices = new List<Products.Inference.InferenceDevice>();
        TamRl.Upscale.Cli.Commands.InferCommand.PredictorLoader = (bundle, device) =>
        {
            devices.Add(device);
            return new LightUseEfficiencyTestPredictor();
        };
        try
        {
            string[] common = ["infer", "--drivers", dir.File("drivers"), "--model", dir.File("bundle.json"), "--out", dir.Path,
                "--period", "2021-01-01..2021-02-28", "--run", "r", "--budget", "4MiB", "--batch", "16", "--device", "cpu"];
            Assert.Equal(0, Program.Main(common));
            var chunks = Directory.GetFiles(dir.File("runs/r/chunks"), "chunk_*.nc");
            Assert.True(chunks.Length > 1);
            var before = chunks.ToDictionary(f => f, File.GetLastWriteTimeUtc);
            Thread.Sleep(20);

            Assert.Equal(0, Program.Main([.. common, "--bbox", "-20,0,20,30"]));

            var rerun = chunks.Where(f => File.GetLastWriteTimeUtc(f) != before[f]).ToArray();
            Assert.NotEmpty(rerun);
            Assert.True(rerun.Length < chunks.Length);
            Assert.Equal([Products.Inference.InferenceDevice.Cpu, Products.Inference.InferenceDevice.Cpu], devices);
            Assert.Contains("US-Wi7", File.ReadAllText(dir.File("runs/r/run.json")));
        }
        finally
        {
            TamRl.Upscale.Cli.Commands.InferCommand.PredictorLoader = null;
        }
    }

    [Fact]
    public void Infer_RefusesARunPlannedForAnotherPredictor_BeforeAnyChunkRuns()
    {
        using var dir = new TempDirectory();
        var period = new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));
        DriverCubeFiles.Write(dir.File("drivers"), new SyntheticDriverCube(RegularLatLonGrid.Global(10), period), period.Months());
        File.WriteAllText(dir.File("bundle.json"), """{"format_version": 1, "training_sites": ["US-Wi7"]}""");
        var identity = "test-double:planned";
        TamRl.Upscale.Cli.Commands.InferCommand.PredictorLoader = (_, _) => new LightUseEfficiencyTestPredictor { Identity = identity };
        try
        {
            string[] common = ["infer", "--drivers", dir.File("drivers"), "--model", dir.File("bundle.json"), "--out", dir.Path,
                "--period", "2021-01-01..2021-02-28", "--run", "r", "--budget", "4MiB", "--batch", "16", "--device", "cpu"];
            Assert.Equal(0, Program.Main(common));
            var chunks = Directory.GetFiles(dir.File("runs/r/chunks"), "chunk_*.nc").ToDictionary(f => f, File.GetLastWriteTimeUtc);

            // Another model or precision (a bf16 predictor is the bundle's identity + "+bf16") on the same run.
            identity = "test-double:planned+bf16";
            var error = new StringWriter();
            var console = Console.Error;
            Console.SetError(error);
            int exit;
            try
            {
                exit = Program.Main(common);
            }
            finally
            {
                Console.SetError(console);
            }

            Assert.Equal(2, exit);
            Assert.Contains("run.json", error.ToString());
            Assert.Contains("predictor", error.ToString());
            Assert.All(chunks, c => Assert.Equal(c.Value, File.GetLastWriteTimeUtc(c.Key)));
        }
        finally
        {
            TamRl.Upscale.Cli.Commands.InferCommand.PredictorLoader = null;
        }
    }

    [Fact]
    public void Infer_NamesTheMissingStaticFile_WhenTheDriverCubeIsAbsent()
    {
        using var dir = new TempDirectory();

        var r = Tamrl.Run("infer", "--drivers", dir.File("drivers"), "--model", "bundle.json", "--out", dir.Path, "--period", "2021");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("static.nc", r.StdErr);
        Assert.False(Directory.Exists(dir.File("runs")));
    }

    [Fact]
    public void Infer_RefusesAnUnknownEngine_NamingTheOption()
    {
        using var dir = new TempDirectory();

        var r = Tamrl.Run("infer", "--drivers", dir.File("drivers"), "--model", "bundle.json", "--out", dir.Path, "--period", "2021", "--engine", "tensorrt");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--engine 'tensorrt'", r.StdErr);
        Assert.False(Directory.Exists(dir.File("runs")));
    }

    [Fact]
    public void Infer_RefusesOnnxInBf16_BeforeReadingAnyInput()
    {
        using var dir = new TempDirectory();

        var r = Tamrl.Run("infer", "--drivers", dir.File("drivers"), "--model", "bundle.json", "--out", dir.Path, "--period", "2021",
            "--engine", "onnx", "--precision", "bf16");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--engine: onnx runs in fp32 on the CPU, not in bf16", r.StdErr);
        Assert.False(Directory.Exists(dir.File("runs")));
    }

    [Fact]
    public void Infer_RefusesABadPeriod_NamingTheOption()
    {
        using var dir = new TempDirectory();

        var r = Tamrl.Run("infer", "--drivers", dir.File("drivers"), "--model", "bundle.json", "--out", dir.Path, "--period", "2021-13");

        Assert.Equal(2, r.ExitCode);
        // Core's PeriodParser, as every period option and field: the option, what it takes and the value given.
        Assert.Contains("--period: expected YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '2021-13'", r.StdErr);
    }

    [Fact]
    public void Score_RefusesARunWhosePeriodIsNotPublished()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/r"));

        var r = Tamrl.Run("score", "--run", dir.File("runs/r"), "--out", dir.Path, "--truth", dir.File("truth"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not published", r.StdErr);
    }
}
