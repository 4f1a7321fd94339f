using Microsoft.ML.OnnxRuntime;
using TamRl.Upscale.Model.Onnx;

namespace TamRl.Upscale.Model.Tests.Onnx;

/// <summary>Models written by <see cref="OnnxModel"/> as ONNX Runtime reads and runs them (an independent reader of the format).</summary>
public class OnnxModelTests
{
    [Fact]
    public void ToBytes_GivesAModelOnnxRuntimeRuns_WithInitializersAttributesSymbolicShapesAndMetadata()
    {
        // y = Relu(Gemm(x, W, b, transB = 1)) * 2 + LeakyRelu(x0...) : every message kind and attribute kind the exporter writes.
        var g = new OnnxGraphBuilder();
        var w = g.Floats("w", [2, 3], [1f, 2f, 3f, -1f, -2f, -3f]);
        var b = g.Floats("b", [2], [0.5f, 0.25f]);
        var gemm = g.Node("Gemm", "gemm", ["x", w, b], OnnxAttribute.Int("transB", 1), OnnxAttribute.Float("alpha", 1f));
        var relu = g.Node("Relu", "relu", [gemm]);
        var scaled = g.Node("Mul", "scaled", [relu, g.Scalar("two", 2f)]);
        var t = g.Node("Transpose", "t", [scaled], OnnxAttribute.Ints("perm", 1, 0));
        g.NodeWithOutputs("Reshape", "out", [t, g.Longs("shape", -1)], ["y"]);
        var graph = g.Build("test", [new OnnxValueInfo("x", OnnxProto.Float, ["batch", 3L])], [new OnnxValueInfo("y", OnnxProto.Float, ["n"])]);
        var bytes = new OnnxModel(graph, TamRlOnnxExport.Opset, "test", "1", [new("key", "value")]).ToBytes();

        using var session = new InferenceSession(bytes);
        Assert.Equal("value", session.ModelMetadata.CustomMetadataMap["key"]);
        Assert.Equal("test", session.ModelMetadata.ProducerName);
        Assert.Equal(-1, session.InputMetadata["x"].Dimensions[0]); // symbolic
        using var x = OrtValue.CreateTensorValueFromMemory(new[] { 1f, 1f, 1f, 0f, 1f, 0f }, [2, 3]);
        using var outputs = session.Run(new RunOptions(), ["x"], [x], ["y"]);
        // Rows: [1+2+3+0.5, -6+0.25] = [6.5, -5.75] and [2+0.5, -2+0.25] = [2.5, -1.75]; relu, x2, transposed, flattened.
        Assert.Equal([13f, 5f, 0f, 0f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Constant_Refuses_WhenANameIsTakenTwice()
    {
        var g = new OnnxGraphBuilder();
        g.Scalar("a", 1f);
        Assert.Throws<ArgumentException>(() => g.Scalar("a", 2f));
    }
}
