using System.Buffers.Binary;

namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// The ONNX messages the exporter writes (onnx/onnx.proto, IR version <see cref="OnnxModel.IrVersion"/>), each with the
/// field numbers of that file: ModelProto, OperatorSetIdProto, StringStringEntryProto, GraphProto, NodeProto,
/// AttributeProto, TensorProto (data as raw_data), ValueInfoProto with TypeProto.Tensor and TensorShapeProto.
/// </summary>
public static class OnnxProto
{
    /// <summary>TensorProto.DataType values used here.</summary>
    public const int Float = 1;
    public const int Int64 = 7;
}

/// <summary>A TensorProto: a named constant (a graph initializer or a Constant's value), row-major, little-endian raw_data.</summary>
public sealed record OnnxTensor(string Name, int DataType, long[] Dims, byte[] Raw)
{
    public static OnnxTensor Floats(string name, long[] dims, ReadOnlySpan<float> values)
    {
        if (dims.Aggregate(1L, (a, d) => a * d) != values.Length)
            throw new ArgumentException($"tensor {name}: {values.Length} values for dims [{string.Join(", ", dims)}]");
        var raw = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(4 * i), values[i]);
        return new OnnxTensor(name, OnnxProto.Float, dims, raw);
    }

    public static OnnxTensor Longs(string name, params long[] values)
    {
        var raw = new byte[8 * values.Length];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(8 * i), values[i]);
        return new OnnxTensor(name, OnnxProto.Int64, [values.Length], raw);
    }

    public void WriteTo(ProtoWriter w)
    {
        w.PackedInt64(1, Dims);   // dims
        w.Int64(2, DataType);     // data_type
        w.String(8, Name);        // name
        w.Bytes(9, Raw);          // raw_data
    }
}

/// <summary>An AttributeProto of one of the kinds the exporter uses (int, float, string, ints).</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name) => Name = name;

    public string Name { get; }
    private int type;
    private long i;
    private float f;
    private string? s;
    private long[]? ints;

    public static OnnxAttribute Int(string name, long value) => new(name) { type = 2, i = value };
    public static OnnxAttribute Float(string name, float value) => new(name) { type = 1, f = value };
    public static OnnxAttribute String(string name, string value) => new(name) { type = 3, s = value };
    public static OnnxAttribute Ints(string name, params long[] values) => new(name) { type = 7, ints = values };

    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Name);                  // name
        w.Int64(20, type);                  // type (AttributeType)
        switch (type)
        {
            case 1: w.Float(2, f); break;   // f
            case 2: w.Int64(3, i); break;   // i
            case 3: w.String(4, s!); break; // s
            case 7:                         // ints: repeated int64, unpacked as onnx.proto (proto2) declares it
                foreach (var v in ints!)
                    w.Int64(8, v);
                break;
        }
    }
}

/// <summary>A NodeProto. An empty output name leaves an optional output out.</summary>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string Name, IReadOnlyList<OnnxAttribute> Attributes)
{
    public void WriteTo(ProtoWriter w)
    {
        foreach (var input in Inputs)
            w.String(1, input);
        foreach (var output in Outputs)
            w.String(2, output);
        w.String(3, Name);
        w.String(4, OpType);
        foreach (var a in Attributes)
            w.Message(5, a.WriteTo);
    }
}

/// <summary>A ValueInfoProto of a tensor: its element type and shape, each dimension a number or a symbolic name.</summary>
public sealed record OnnxValueInfo(string Name, int ElementType, IReadOnlyList<object> Shape, string Doc = "")
{
    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Name);
        w.Message(2, type => type.Message(1, tensor =>        // TypeProto.tensor_type
        {
            tensor.Int64(1, ElementType);                      // elem_type
            tensor.Message(2, shape =>                         // TensorShapeProto
            {
                foreach (var d in Shape)
                    shape.Message(1, dim =>                    // dim
                    {
                        if (d is string name)
                            dim.String(2, name);               // dim_param
                        else
                            dim.Int64(1, Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture)); // dim_value
                    });
            });
        }));
        if (Doc.Length > 0)
            w.String(3, Doc);
    }
}

/// <summary>A GraphProto: nodes in topological order, initializers, inputs and outputs.</summary>
public sealed record OnnxGraph(string Name, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs, IReadOnlyList<OnnxValueInfo> Outputs, string Doc = "")
{
    public void WriteTo(ProtoWriter w)
    {
        foreach (var n in Nodes)
            w.Message(1, n.WriteTo);
        w.String(2, Name);
        foreach (var t in Initializers)
            w.Message(5, t.WriteTo);
        if (Doc.Length > 0)
            w.String(10, Doc);
        foreach (var i in Inputs)
            w.Message(11, i.WriteTo);
        foreach (var o in Outputs)
            w.Message(12, o.WriteTo);
    }
}

/// <summary>A ModelProto of the default ONNX domain at one opset, with string metadata.</summary>
public sealed record OnnxModel(OnnxGraph Graph, int Opset, string ProducerName, string ProducerVersion, IReadOnlyList<KeyValuePair<string, string>> Metadata, string Doc = "")
{
    /// <summary>IR version 8 (ONNX 1.10-1.12), the one that goes with opset 17.</summary>
    public const long IrVersion = 8;

    public byte[] ToBytes()
    {
        var w = new ProtoWriter();
        w.Int64(1, IrVersion);                       // ir_version
        w.String(2, ProducerName);                   // producer_name
        w.String(3, ProducerVersion);                // producer_version
        if (Doc.Length > 0)
            w.String(6, Doc);                        // doc_string
        w.Message(7, Graph.WriteTo);                 // graph
        w.Message(8, opset =>                        // opset_import: the default domain ("") at Opset
        {
            opset.String(1, "");
            opset.Int64(2, Opset);
        });
        foreach (var (key, value) in Metadata)
            w.Message(14, entry =>                   // metadata_props
            {
                entry.String(1, key);
                entry.String(2, value);
            });
        return w.ToArray();
    }
}
