using Microsoft.ML.OnnxRuntime;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Onnx;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.TestSupport;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Onnx;

/// <summary>
/// The exported ensemble in ONNX Runtime against TorchSharp (<see cref="EnsemblePredictor"/>'s own path, fp32) on the same
/// weights and inputs. Tolerance: 1e-5 g C m-2 d-1 absolute on values of order 1 (float32 rounding of two different
/// kernel sets through a recurrence: libtorch's and MLAS's sigmoid and tanh differ in the last bits; the stacked TorchSharp path
/// is held to the same 1e-5 against the members one by one; seen here: at most 3.6e-7).
/// </summary>
public class OnnxEnsembleTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5;

    private static double Largest(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    private void AssertAgree(FluxBlock torch, FluxBlock onnx, string what)
    {
        var differences = new (string Name, double Value)[]
        {
            ("GPP", Largest(torch.Gpp, onnx.Gpp)), ("RECO", Largest(torch.Reco, onnx.Reco)), ("NEE", Largest(torch.Nee, onnx.Nee)),
            ("GPP spread", Largest(torch.GppSpread, onnx.GppSpread)), ("NEE spread", Largest(torch.NeeSpread, onnx.NeeSpread)),
            ("member means", torch.MemberMeans is null ? 0 : Largest(torch.MemberMeans, onnx.MemberMeans!)),
        };
        output.WriteLine($"{what}: largest |torch - onnx|: " + string.Join(", ", differences.Select(d => $"{d.Name} {d.Value:G3}")) +
            $"; largest |GPP| {torch.Gpp.Max(Math.Abs):G3}");
        foreach (var (name, value) in differences)
            Assert.True(value <= Tolerance, $"{what}: {name} differs by {value:G3} (tolerance {Tolerance})");
        for (var i = 0; i < onnx.Gpp.Length; i++)
            Assert.Equal(onnx.Reco[i] - onnx.Gpp[i], onnx.Nee[i]);
    }

    [Theory]
    [InlineData(0, BalanceMode.Equal)]
    [InlineData(5, BalanceMode.Equal)]
    [InlineData(5, BalanceMode.Nee)]
    public void Predict_WithTheOnnxEngine_GivesWhatTorchSharpGives_WithinFloatTolerance(int warmupDays, BalanceMode balance)
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 3);
        var models = members.Select(m => m.Model).ToList();
        var block = TestModels.Pixels(data) with { MemberMeanSpans = [(0, 31), (31, 30), (61, 59)] };
        var torch = new EnsemblePredictor(models, encoding, 10, "t", warmupDays: warmupDays, balance: balance, stackMembers: false).Predict(block);
        var onnx = new EnsemblePredictor(models, encoding, 10, "t", warmupDays: warmupDays, balance: balance, engine: InferenceEngine.Onnx, engineThreads: 1).Predict(block);
        AssertAgree(torch, onnx, $"trained, 3 members, warm-up {warmupDays}, balance {balance}");
    }

    [Fact]
    public void Predict_WithTheOnnxEngine_GivesWhatTorchSharpGives_WithTwoDecoderLayersBatchNormStatisticsAndShortSeries()
    {
        // Fresh members of two decoder layers whose BatchNorm running statistics are not the identity; a series shorter than a
        // window (one tile of its own length) and one not a multiple of it (the last tile overlaps).
        var data = SyntheticSites.Create();
        var encoding = FeatureEncoding.Fit(data, Enumerable.Range(0, data.Sites).ToArray());
        var options = SyntheticSites.TinyOptions with { Layers = 2 };
        var models = Enumerable.Range(0, 2).Select(_ => (FluxSequenceModel)options.Architecture(ModelKind.TamRl, encoding).Build()).ToList();
        using (no_grad())
            foreach (var m in models)
            {
                foreach (var (name, buffer) in m.named_buffers())
                    if (name.EndsWith("running_mean"))
                        buffer.copy_(randn(buffer.shape) * 0.5);
                    else if (name.EndsWith("running_var"))
                        buffer.copy_(rand(buffer.shape) + 0.5);
                m.eval();
            }
        foreach (var days in new[] { 7, 25, 120 })
        {
            var full = TestModels.Pixels(data);
            var f = full.Features;
            var drivers = new float[full.Pixels * days * f];
            for (var p = 0; p < full.Pixels; p++)
                Array.Copy(full.Drivers, p * full.Days * f, drivers, p * days * f, days * f);
            var block = full with { Days = days, Drivers = drivers };
            var torch = new EnsemblePredictor(models, encoding, 10, "t", stackMembers: false).Predict(block);
            var onnx = new EnsemblePredictor(models, encoding, 10, "t", engine: InferenceEngine.Onnx).Predict(block);
            AssertAgree(torch, onnx, $"fresh, 2 decoder layers, {days} days");
        }
    }

    [Fact]
    public void Constructor_RefusesTheOnnxEngine_InBf16OrWithTheEarlierDefinition()
    {
        var (_, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var models = members.Select(m => m.Model).ToList();
        Assert.Throws<ArgumentException>(() => new EnsemblePredictor(models, encoding, 10, "t", InferencePrecision.BFloat16, engine: InferenceEngine.Onnx));
        Assert.Throws<ArgumentException>(() => new EnsemblePredictor(models, encoding, 10, "t", supportWindows: EnsemblePredictor.EveryOtherTile, engine: InferenceEngine.Onnx));
    }

    [Fact]
    public void Write_GivesAFileThatOnnxRuntimeRuns_ToTheMembersMeanThePredictorGives_FromInputsBuiltByItsMetadata()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 2);
        using var dir = new TempDirectory();
        var bundlePath = Path.Combine(dir.Path, "model");
        ModelBundle.Save(bundlePath, encoding, 10, members, data.SiteIds, "igbp");
        var file = Path.Combine(dir.Path, "export", "ensemble.onnx");
        var (identity, bytes) = OnnxExportFile.Write(bundlePath, file);
        Assert.Equal(new FileInfo(file).Length, bytes);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, ".*")); // no temporary left

        using var session = new InferenceSession(file);
        var meta = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(identity, meta["bundle_sha256"]);
        Assert.Equal(ModelBundle.Load(bundlePath).Identity, identity);
        Assert.Equal("2", meta["members"]);
        Assert.Equal(encoding.InputSize.ToString(), meta["input_size"]);

        // What a user of the file does for a 20-day series and windows of 10: two tiles, both the support set (bundle.json's
        // support_windows = 4 > the 2 candidate tiles: all of them), per-day vectors as FeatureEncoding gives them.
        const int days = 20, window = 10, tiles = 2;
        var width = encoding.InputSize;
        var full = TestModels.Pixels(data);
        var f = full.Features;
        var pixels = full.Pixels;
        var inputs = new float[pixels * days * width];
        var drivers = new float[pixels * days * f];
        for (var p = 0; p < pixels; p++)
        {
            Array.Copy(full.Drivers, p * full.Days * f, drivers, p * days * f, days * f);
            var series = encoding.EncodeSeries(drivers.AsSpan(p * days * f, days * f), days,
                encoding.EncodeStatic(full.Igbp[p], full.Koppen[p], full.Latitude[p], full.Longitude[p]));
            series.CopyTo(inputs, p * days * width);
        }
        using var support = OrtValue.CreateTensorValueFromMemory(inputs, [pixels, tiles, window, width]);
        using var windows = OrtValue.CreateTensorValueFromMemory(inputs, [pixels, tiles, window, width]);
        using var results = session.Run(new RunOptions(), ["support", "windows"], [support, windows], ["fluxes"]);
        var fluxes = results[0].GetTensorDataAsSpan<float>().ToArray(); // [members, pixels, tiles, days, 3]

        var expected = new EnsemblePredictor(ModelBundle.Load(bundlePath).Members, encoding, window, "t", stackMembers: false)
            .Predict(full with { Days = days, Drivers = drivers });
        var largest = 0.0;
        for (var p = 0; p < pixels; p++)
            for (var d = 0; d < days; d++)
            {
                var at = (p * days + d) * 3; // [pixels, tiles x window = days, 3] within a member
                var gpp = (fluxes[at] + fluxes[pixels * days * 3 + at]) / 2;
                largest = Math.Max(largest, Math.Abs(gpp - expected.Gpp[p * days + d]));
            }
        output.WriteLine($"exported file against the predictor: largest GPP difference {largest:G3}");
        Assert.True(largest <= Tolerance, $"GPP differs by {largest:G3}");
    }

    [Fact]
    public void Model_RefusesABundleOfTheEarlierDefinition_NamingBundleJson()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TempDirectory();
        var bundlePath = Path.Combine(dir.Path, "model");
        ModelBundle.Save(bundlePath, encoding, 10, members, data.SiteIds, "igbp", supportWindows: EnsemblePredictor.EveryOtherTile);
        var e = Assert.Throws<InvalidInputException>(() => OnnxExportFile.Write(bundlePath, Path.Combine(dir.Path, "x.onnx")));
        Assert.Contains("bundle.json", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "x.onnx")));
    }
}
