using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian tensor bytes) written
/// and read in-house so the header's <c>__metadata__</c> map is under our control. Tensors are written in the given
/// order, byte for byte: a round trip is bit-exact.
/// </summary>
internal static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    private static readonly Dictionary<ScalarType, string> DtypeNames = new()
    {
        [ScalarType.Float32] = "F32", [ScalarType.Float64] = "F64", [ScalarType.Float16] = "F16",
        [ScalarType.BFloat16] = "BF16", [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32",
        [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject { [MetadataKey] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))) };
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, t) in tensors)
        {
            using var cpu = t.detach().cpu().contiguous();
            if (!DtypeNames.TryGetValue(cpu.dtype, out var dtype)) throw new NotSupportedException($"tensor '{name}' has dtype {cpu.dtype}, which the checkpoint format does not store.");
            var bytes = cpu.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(cpu.shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (headerBytes.Length + 7) / 8 * 8;
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, padded);
            stream.Write(length);
            stream.Write(headerBytes);
            for (int i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var blob in blobs) stream.Write(blob);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Tensors (CPU, in file order) and the metadata map; the caller disposes the tensors.</summary>
    public static (List<KeyValuePair<string, Tensor>> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        var data = File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"checkpoint not found: {path}", path);
        var (header, headerLength) = ParseHeader(path, data, data.Length);
        var metadata = Metadata(header);
        var body = data.AsMemory(8 + (int)headerLength);
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, node) in header.Where(p => p.Key != MetadataKey).OrderBy(p => p.Value!["data_offsets"]![0]!.GetValue<long>()))
            tensors.Add(KeyValuePair.Create(name, ReadTensor(path, name, node!.AsObject(), body.Span)));
        return (tensors, metadata);
    }

    /// <summary>Only the metadata map, reading just the header.</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        using var stream = File.OpenRead(path);
        var prefix = new byte[8];
        stream.ReadExactly(prefix.AsSpan(0, (int)Math.Min(8, stream.Length)));
        long headerLength = stream.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(prefix) : 0;
        var data = new byte[8 + Math.Clamp(headerLength, 0, Math.Min(MaxHeaderBytes, stream.Length - 8))];
        prefix.CopyTo(data, 0);
        stream.ReadExactly(data.AsSpan(8));
        return Metadata(ParseHeader(path, data, stream.Length).Header);
    }

    private static (JsonObject Header, long Length) ParseHeader(string path, byte[] data, long fileLength)
    {
        if (fileLength < 8) throw new InvalidDataException($"{path}: too short to be a safetensors file ({fileLength} bytes).");
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(data);
        if (headerLength <= 0 || headerLength > Math.Min(MaxHeaderBytes, fileLength - 8))
            throw new InvalidDataException($"{path}: not a safetensors file (header length {headerLength} for a {fileLength}-byte file).");
        try { return (JsonNode.Parse(data.AsSpan(8, (int)headerLength))!.AsObject(), headerLength); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: safetensors header is not valid JSON ({e.Message}).", e); }
    }

    private static Dictionary<string, string> Metadata(JsonObject header) =>
        header[MetadataKey]?.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "") ?? [];

    private static Tensor ReadTensor(string path, string name, JsonObject entry, ReadOnlySpan<byte> body)
    {
        string dtypeName = entry["dtype"]?.GetValue<string>() ?? "";
        var dtype = DtypeNames.FirstOrDefault(d => d.Value == dtypeName);
        if (dtype.Value is null) throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype '{dtypeName}'.");
        long[] shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
        long begin = entry["data_offsets"]![0]!.GetValue<long>(), end = entry["data_offsets"]![1]!.GetValue<long>();
        if (begin < 0 || end > body.Length || end < begin)
            throw new InvalidDataException($"{path}: tensor '{name}' lies at bytes {begin}-{end}, outside the {body.Length}-byte data section.");
        var t = empty(shape, dtype.Key);
        if (t.NumberOfElements * t.ElementSize != end - begin)
            throw new InvalidDataException($"{path}: tensor '{name}' of shape [{string.Join(",", shape)}] {dtypeName} needs {t.NumberOfElements * t.ElementSize} bytes, the file gives {end - begin}.");
        body.Slice((int)begin, (int)(end - begin)).CopyTo(t.bytes);
        return t;
    }
}
