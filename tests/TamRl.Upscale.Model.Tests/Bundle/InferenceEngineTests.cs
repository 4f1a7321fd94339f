using TamRl.Upscale.Model.Bundle;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class InferenceEngineTests
{
    [Theory]
    [InlineData("torch", InferenceEngine.Torch)]
    [InlineData("onnx", InferenceEngine.Onnx)]
    public void Parse_GivesTheEngine_OfItsConfigurationName(string name, InferenceEngine engine) => Assert.Equal(engine, InferenceEngines.Parse(name));

    [Theory]
    [InlineData("ONNX")]
    [InlineData("tensorrt")]
    [InlineData(null)]
    public void Parse_GivesNull_ForAnythingElse(string? name) => Assert.Null(InferenceEngines.Parse(name));

    [Fact]
    public void Identity_KeepsTheBundlesOwnForTorchInFp32_AndMarksOnnxAndBf16()
    {
        Assert.Equal("abc", InferenceEngines.Identity("abc", InferencePrecision.Float32, InferenceEngine.Torch));
        Assert.Equal("abc+bf16", InferenceEngines.Identity("abc", InferencePrecision.BFloat16, InferenceEngine.Torch));
        Assert.Equal("abc+onnx", InferenceEngines.Identity("abc", InferencePrecision.Float32, InferenceEngine.Onnx));
    }

    [Fact]
    public void FromBundle_NamesTheEngineInTheIdentity_AndRunsOnTheCpu()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        using var dir = new TestSupport.TempDirectory();
        var path = Path.Combine(dir.Path, "model");
        ModelBundle.Save(path, encoding, 10, members, data.SiteIds, "igbp");
        var bundle = ModelBundle.Load(path);
        var onnx = EnsemblePredictor.FromBundle(bundle, engine: InferenceEngine.Onnx);
        Assert.Equal(bundle.Identity + "+onnx", onnx.Identity);
        var torch = EnsemblePredictor.FromBundle(ModelBundle.Load(path));
        Assert.Equal(bundle.Identity, torch.Identity);
        var block = TestModels.Pixels(data);
        var a = onnx.Predict(block);
        var b = torch.Predict(block);
        Assert.True(a.Gpp.Zip(b.Gpp, (x, y) => Math.Abs(x - y)).Max() <= 1e-5);
    }
}
