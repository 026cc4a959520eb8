namespace OccluNet.Live.Model.Onnx;

/// <summary>One ONNX node: operator, inputs and outputs by tensor name.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>One float32 initializer: dims and values (row-major).</summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[] Values);

/// <summary>
/// The parts of an ONNX model that weight import needs: nodes in graph order and float32 initializers.
/// Read with a tiny protobuf walker (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5;
/// NodeProto input 1, output 2, name 3, op_type 4; TensorProto dims 1, data_type 2, float_data 4, name 8, raw_data 9).
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatDataType = 1;

    private OnnxGraph(IReadOnlyList<OnnxNode> nodes, IReadOnlyDictionary<string, OnnxInitializer> initializers)
    {
        Nodes = nodes;
        Initializers = initializers;
    }

    public IReadOnlyList<OnnxNode> Nodes { get; }
    public IReadOnlyDictionary<string, OnnxInitializer> Initializers { get; }

    public static OnnxGraph Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model not found: {path}", path);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable ONNX model ({e.Message})", e);
        }
    }

    public static OnnxGraph Parse(ReadOnlySpan<byte> model)
    {
        var reader = new ProtoReader(model);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 7 && wire == 2) return ParseGraph(reader.ReadBytes());
            reader.Skip(wire);
        }
        throw new InvalidDataException("the file has no ONNX graph (ModelProto field 7).");
    }

    private static OnnxGraph ParseGraph(ReadOnlySpan<byte> graph)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxInitializer>();
        var reader = new ProtoReader(graph);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2) nodes.Add(ParseNode(reader.ReadBytes()));
            else if (field == 5 && wire == 2)
            {
                if (ParseTensor(reader.ReadBytes()) is { } t) initializers[t.Name] = t;
            }
            else reader.Skip(wire);
        }
        return new OnnxGraph(nodes, initializers);
    }

    private static OnnxNode ParseNode(ReadOnlySpan<byte> node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", op = "";
        var reader = new ProtoReader(node);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2: inputs.Add(reader.ReadString()); break;
                case 2 when wire == 2: outputs.Add(reader.ReadString()); break;
                case 3 when wire == 2: name = reader.ReadString(); break;
                case 4 when wire == 2: op = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxNode(name, op, inputs, outputs);
    }

    /// <summary>Float32 tensors only; other types (int64 shape constants) are skipped (null).</summary>
    private static OnnxInitializer? ParseTensor(ReadOnlySpan<byte> tensor)
    {
        var dims = new List<long>();
        var floats = new List<float>();
        byte[]? raw = null;
        int dataType = 0;
        string name = "";
        var reader = new ProtoReader(tensor);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 0: dims.Add((long)reader.ReadVarint()); break;
                case 1 when wire == 2: ReadPackedVarints(reader.ReadBytes(), dims); break;
                case 2 when wire == 0: dataType = (int)reader.ReadVarint(); break;
                case 4 when wire == 2: floats.AddRange(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(reader.ReadBytes()).ToArray()); break;
                case 8 when wire == 2: name = reader.ReadString(); break;
                case 9 when wire == 2: raw = reader.ReadBytes().ToArray(); break;
                default: reader.Skip(wire); break;
            }
        }
        if (dataType != FloatDataType) return null;
        float[] values = raw is null ? floats.ToArray() : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray();
        long expected = dims.Aggregate(1L, (a, d) => a * d);
        if (values.Length != expected)
            throw new InvalidDataException($"initializer '{name}' has {values.Length} values for dims [{string.Join(",", dims)}].");
        return new OnnxInitializer(name, dims.ToArray(), values);
    }

    private static void ReadPackedVarints(ReadOnlySpan<byte> packed, List<long> into)
    {
        var reader = new ProtoReader(packed);
        while (!reader.AtEnd) into.Add((long)reader.ReadVarint());
    }
}
