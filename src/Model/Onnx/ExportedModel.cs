using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// A folder `occlunet export` wrote (encoder.onnx, window_head.onnx), read back without TorchSharp: the two graphs and
/// the checkpoint metadata and weights hash the exporter put into their metadata_props. This is how the exported
/// model runs on a machine that has ONNX Runtime but not the checkpoint or libtorch (`occlunet bench exported`).
/// </summary>
public sealed class ExportedModel
{
    private ExportedModel(string folder, OccluNetOnnxGraphs graphs, CheckpointMetadata metadata, string weightsSha256)
    {
        Folder = folder;
        Graphs = graphs;
        Metadata = metadata;
        WeightsSha256 = weightsSha256;
    }

    public string Folder { get; }
    public OccluNetOnnxGraphs Graphs { get; }
    public CheckpointMetadata Metadata { get; }

    /// <summary>SHA-256 of the checkpoint file the graphs were exported from.</summary>
    public string WeightsSha256 { get; }

    /// <exception cref="FileNotFoundException">A graph file is missing.</exception>
    /// <exception cref="InvalidDataException">A graph is unreadable, lacks OccluNet metadata, or the two come from different checkpoints.</exception>
    public static ExportedModel Load(string folder)
    {
        var files = new[] { OccluNetOnnxExporter.EncoderFile, OccluNetOnnxExporter.WindowHeadFile }.Select(f => Path.Combine(folder, f)).ToArray();
        foreach (var file in files)
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: not found; an exported model is a folder with {OccluNetOnnxExporter.EncoderFile} and {OccluNetOnnxExporter.WindowHeadFile} (occlunet export).", file);
        var bytes = files.Select(File.ReadAllBytes).ToArray();
        var props = files.Select((f, i) => ReadProps(f, bytes[i])).ToArray();
        string[] graphs = [OccluNetOnnxExporter.EncoderGraph, OccluNetOnnxExporter.WindowHeadGraph];
        for (int i = 0; i < files.Length; i++)
        {
            string graph = Required(files[i], props[i], OccluNetOnnxExporter.GraphKey);
            if (graph != graphs[i]) throw new InvalidDataException($"{files[i]}: metadata says it is the {graph} graph, not the {graphs[i]}.");
        }
        string sha = Required(files[0], props[0], OccluNetOnnxExporter.WeightsKey);
        if (Required(files[1], props[1], OccluNetOnnxExporter.WeightsKey) != sha)
            throw new InvalidDataException($"{folder}: {OccluNetOnnxExporter.EncoderFile} and {OccluNetOnnxExporter.WindowHeadFile} come from different checkpoints (weights SHA-256 differ).");
        var metadata = Checkpoint.ParseMetadataJson(files[0], Required(files[0], props[0], OccluNetOnnxExporter.CheckpointKey));
        return new ExportedModel(folder, new OccluNetOnnxGraphs(bytes[0], bytes[1]), metadata, sha);
    }

    /// <summary>The ONNX engine on these graphs, with the checkpoint's preprocessing and post-processing.</summary>
    /// <param name="options">Session options (<see cref="Runtime.OnnxSessions.Options"/>); the caller disposes them.</param>
    /// <param name="device">The device string the detector reports (status strip, audit file).</param>
    public LoadedModel CreateDetector(SessionOptions options, string device, DetectionSettings? settings = null)
    {
        var m = Metadata;
        settings ??= m.DetectionSettings;
        var info = m.DetectorInfo(WeightsSha256, device, settings);
        var detector = new OnnxOcclusionDetector(Graphs, m.Temporal, m.Classes.Count, info, options, settings);
        return new LoadedModel(detector, m, settings);
    }

    /// <summary>
    /// The ONNX engine on these graphs as the live pipeline loads a model (<see cref="Checkpoint.LoadForInference(string, EngineChoice, DetectionSettings?)"/>
    /// for a checkpoint): <paramref name="threads"/> intra-op threads, CUDA when the choice says so. Touches no libtorch.
    /// </summary>
    public LoadedModel LoadForInference(EngineChoice engine, int threads, DetectionSettings? settings = null)
    {
        if (engine.Engine != InferenceEngine.Onnx) throw new InvalidOperationException(InferenceEngines.TorchNeedsCheckpoint);
        using var options = OnnxSessions.Options(threads, engine.Device == TorchSharp.DeviceType.CUDA);
        return CreateDetector(options, engine.Describe(threads), settings);
    }

    private static string Required(string file, IReadOnlyDictionary<string, string> props, string key) =>
        props.TryGetValue(key, out var value) ? value
            : throw new InvalidDataException($"{file}: no '{key}' in metadata_props; not a graph written by occlunet export.");

    /// <summary>ModelProto field 14, metadata_props: StringStringEntryProto (key 1, value 2).</summary>
    private static Dictionary<string, string> ReadProps(string file, byte[] model)
    {
        var props = new Dictionary<string, string>();
        try
        {
            var reader = new ProtoReader(model);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field != 14 || wire != 2) { reader.Skip(wire); continue; }
                var entry = new ProtoReader(reader.ReadBytes());
                string key = "", value = "";
                while (!entry.AtEnd)
                {
                    var (f, w) = entry.ReadTag();
                    if (f == 1 && w == 2) key = entry.ReadString();
                    else if (f == 2 && w == 2) value = entry.ReadString();
                    else entry.Skip(w);
                }
                props[key] = value;
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file}: not a readable ONNX model ({e.Message})", e);
        }
        return props;
    }
}
