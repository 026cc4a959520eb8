using static TorchSharp.torch;

namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// Builds one ONNX graph (opset <see cref="Opset"/>, float32, batch 1, fixed shapes) and writes it as a ModelProto.
/// The block exporters (beside each block) call the operator methods here, which return the name of the value they
/// produce. Weights are copied out of the model once each: a tensor exported twice under the same key (the temporal
/// module's weights, shared by the three pyramid levels) becomes one initializer.
/// Field numbers are onnx.proto's: ModelProto ir_version 1, producer 2-3, graph 7, opset_import 8, metadata_props 14;
/// GraphProto node 1, name 2, initializer 5, input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4,
/// attribute 5; AttributeProto name 1, f 2, i 3, s 4, ints 8, type 20; TensorProto dims 1, data_type 2, name 8, raw_data 9.
/// </summary>
public sealed class OnnxGraphBuilder
{
    public const int Opset = 17;
    private const int IrVersion = 8;
    private const int FloatType = 1, Int64Type = 7;
    private const int AttrFloat = 1, AttrInt = 2, AttrString = 3, AttrInts = 7;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly Dictionary<string, string> constants = [];
    private int counter;

    public int NodeCount => nodes.Count;

    /// <summary>A float32 graph input of fixed shape.</summary>
    public string Input(string name, params long[] dims)
    {
        inputs.Add(ValueInfo(name, dims));
        return name;
    }

    /// <summary>Names <paramref name="value"/> as a graph output (through an Identity node, so any value can be one).</summary>
    public void Output(string value, string name, params long[] dims)
    {
        Node("Identity", [value], [name], []);
        outputs.Add(ValueInfo(name, dims));
    }

    /// <summary>
    /// A float32 initializer copied from a model tensor, once per <paramref name="key"/> (the parameter's path in the
    /// model, plus what was done to it, e.g. "…qkv_proj.weight^T").
    /// </summary>
    public string Weight(string key, Func<Tensor> value)
    {
        if (constants.TryGetValue(key, out var existing)) return existing;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var t = value().detach().to(ScalarType.Float32).cpu().contiguous();
        var name = Fresh(key);
        initializers.Add(TensorProto(name, FloatType, t.shape, t.bytes));
        return constants[key] = name;
    }

    /// <summary>A float32 constant (scalar when <paramref name="dims"/> is empty).</summary>
    public string Floats(float[] values, params long[] dims)
    {
        string key = $"f[{string.Join(",", dims)}]:{string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v)))}";
        if (values.Length > 64) key = $"f#{Guid.NewGuid():N}";
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Fresh("const");
        initializers.Add(TensorProto(name, FloatType, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));
        return constants[key] = name;
    }

    /// <summary>A 1-D int64 constant (shapes, axes, slice bounds, pads).</summary>
    public string Ints(params long[] values)
    {
        string key = $"i:{string.Join(",", values)}";
        if (constants.TryGetValue(key, out var existing)) return existing;
        var name = Fresh("ints");
        initializers.Add(TensorProto(name, Int64Type, [values.Length], System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));
        return constants[key] = name;
    }

    /// <summary>One node with one output; attributes are long, float, string or long[].</summary>
    public string Op(string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        Op(opType, 1, inputs, attributes)[0];

    public string[] Op(string opType, int outputCount, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var names = Enumerable.Range(0, outputCount).Select(_ => Fresh(opType.ToLowerInvariant())).ToArray();
        Node(opType, inputs, names, attributes);
        return names;
    }

    // The operator vocabulary the exporters share.
    public string Add(string a, string b) => Op("Add", [a, b]);
    public string Mul(string a, string b) => Op("Mul", [a, b]);
    public string Concat(int axis, params string[] parts) => Op("Concat", parts, ("axis", (long)axis));
    public string Reshape(string x, params long[] shape) => Op("Reshape", [x, Ints(shape)]);
    public string Transpose(string x, params long[] perm) => Op("Transpose", [x], ("perm", perm));
    public string Slice(string x, long axis, long start, long end, long step = 1) =>
        Op("Slice", [x, Ints(start), Ints(end), Ints(axis), Ints(step)]);
    public string Silu(string x) => Mul(x, Op("Sigmoid", [x]));

    /// <summary>torch's Linear on the last axis: x·Wᵀ + b, Wᵀ stored once.</summary>
    public string Linear(string x, TorchSharp.Modules.Linear linear, string key)
    {
        var w = Weight($"{key}.weight^T", () => linear.weight!.t());
        var y = Op("MatMul", [x, w]);
        return linear.bias is null ? y : Add(y, Weight($"{key}.bias", () => linear.bias));
    }

    public string LayerNorm(string x, TorchSharp.Modules.LayerNorm norm, string key) =>
        Op("LayerNormalization", [x, Weight($"{key}.weight", () => norm.weight!), Weight($"{key}.bias", () => norm.bias!)],
            ("axis", -1L), ("epsilon", (float)norm.eps));

    /// <summary>2-D convolution, padding k/2 on every side (every conv of the model pads so).</summary>
    public string Conv(string x, string weight, string? bias, long[] kernel, long stride, long groups) =>
        Op("Conv", bias is null ? [x, weight] : [x, weight, bias],
            ("kernel_shape", kernel), ("strides", new[] { stride, stride }), ("group", groups),
            ("pads", new[] { kernel[0] / 2, kernel[1] / 2, kernel[0] / 2, kernel[1] / 2 }));

    /// <summary>A plain Conv2d module (stride 1, no groups: the head's prediction convs).</summary>
    public string Conv2d(string x, TorchSharp.Modules.Conv2d conv, string key)
    {
        var shape = conv.weight!.shape;
        var bias = conv.bias is null ? null : Weight($"{key}.bias", () => conv.bias);
        return Conv(x, Weight($"{key}.weight", () => conv.weight!), bias, [shape[2], shape[3]], 1, 1);
    }

    /// <summary>The serialised ModelProto with its metadata_props.</summary>
    public byte[] ToModel(string graphName, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new ProtoWriter();
        foreach (var n in nodes) graph.Message(1, n);
        graph.String(2, graphName);
        foreach (var t in initializers) graph.Message(5, t);
        foreach (var i in inputs) graph.Message(11, i);
        foreach (var o in outputs) graph.Message(12, o);

        var model = new ProtoWriter()
            .Int(1, IrVersion)
            .String(2, "OccluNet.Live")
            .String(3, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int(2, Opset));
        foreach (var (key, value) in metadata) model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        return model.ToArray();
    }

    private string Fresh(string hint) => $"{hint}_{counter++}";

    private void Node(string opType, string[] nodeInputs, string[] nodeOutputs, (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var i in nodeInputs) node.String(1, i);
        foreach (var o in nodeOutputs) node.String(2, o);
        node.String(3, $"{opType}_{nodes.Count}").String(4, opType);
        foreach (var (name, value) in attributes) node.Message(5, Attribute(name, value));
        nodes.Add(node);
    }

    private static ProtoWriter Attribute(string name, object value)
    {
        var a = new ProtoWriter().String(1, name);
        return value switch
        {
            long i => a.Int(3, i).Int(20, AttrInt),
            float f => a.Float(2, f).Int(20, AttrFloat),
            string s => a.String(4, s).Int(20, AttrString),
            long[] ints => a.PackedInts(8, ints).Int(20, AttrInts),
            _ => throw new ArgumentException($"attribute {name}: unsupported value type {value.GetType().Name}"),
        };
    }

    private static ProtoWriter TensorProto(string name, int dataType, long[] dims, ReadOnlySpan<byte> raw)
    {
        var t = new ProtoWriter();
        if (dims.Length > 0) t.PackedInts(1, dims);
        return t.Int(2, dataType).String(8, name).Bytes(9, raw);
    }

    private static ProtoWriter ValueInfo(string name, long[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims) shape.Message(1, new ProtoWriter().Int(1, d));
        var tensorType = new ProtoWriter().Int(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
