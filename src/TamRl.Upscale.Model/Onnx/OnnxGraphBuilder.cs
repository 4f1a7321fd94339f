namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// Builds an <see cref="OnnxGraph"/> node by node: each call adds one node in order (so the graph is topologically sorted
/// as written) and returns the names of its outputs, made unique from a stem.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly List<OnnxNode> nodes = [];
    private readonly List<OnnxTensor> initializers = [];
    private readonly HashSet<string> names = [];
    private int counter;

    /// <summary>A constant of the graph (an initializer), by name.</summary>
    public string Constant(OnnxTensor tensor)
    {
        if (!names.Add(tensor.Name))
            throw new ArgumentException($"the graph already has a value named {tensor.Name}");
        initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float constant [dims].</summary>
    public string Floats(string name, long[] dims, ReadOnlySpan<float> values) => Constant(OnnxTensor.Floats(name, dims, values));

    /// <summary>A float scalar constant (shape []).</summary>
    public string Scalar(string name, float value) => Constant(OnnxTensor.Floats(name, [], [value]));

    /// <summary>An int64 vector constant (shapes, axes, split sizes).</summary>
    public string Longs(string name, params long[] values) => Constant(OnnxTensor.Longs(name, values));

    /// <summary>A node of one output.</summary>
    public string Node(string op, string stem, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
        => Nodes(op, stem, inputs, 1, attributes)[0];

    /// <summary>A node of <paramref name="outputs"/> outputs named from <paramref name="stem"/>.</summary>
    public string[] Nodes(string op, string stem, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        var node = $"{stem}_{counter++}";
        var outs = Enumerable.Range(0, outputs).Select(i => outputs == 1 ? node : $"{node}_{i}").ToArray();
        foreach (var o in outs)
            if (!names.Add(o))
                throw new ArgumentException($"the graph already has a value named {o}");
        nodes.Add(new OnnxNode(op, inputs, outs, node, attributes));
        return outs;
    }

    /// <summary>A node whose outputs are named by the caller ("" leaves an optional output out).</summary>
    public void NodeWithOutputs(string op, string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params OnnxAttribute[] attributes)
    {
        foreach (var o in outputs.Where(o => o.Length > 0))
            if (!names.Add(o))
                throw new ArgumentException($"the graph already has a value named {o}");
        nodes.Add(new OnnxNode(op, inputs, outputs, name, attributes));
    }

    public OnnxGraph Build(string name, IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs, string doc = "")
        => new(name, nodes.ToArray(), initializers.ToArray(), inputs, outputs, doc);
}
