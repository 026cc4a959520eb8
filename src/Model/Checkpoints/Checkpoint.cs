using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>Saving and loading OccluNet checkpoints: safetensors weights with the metadata JSON in the header.</summary>
public static class Checkpoint
{
    private const string MetadataKey = "occlunet";

    public static void Save(string path, OccluNetModel model, CheckpointMetadata metadata)
    {
        if (metadata.Classes.Count != model.Config.NumClasses)
            throw new ArgumentException($"metadata names {metadata.Classes.Count} classes, the model predicts {model.Config.NumClasses}.");
        var json = JsonSerializer.Serialize(metadata, DomainJson.Options);
        SafetensorsFile.Save(path, model.state_dict(), new Dictionary<string, string> { [MetadataKey] = json });
    }

    /// <summary>Writes a copy of a checkpoint (same weights) whose metadata carries <paramref name="point"/>; never overwrites a file.</summary>
    /// <exception cref="IOException"><paramref name="target"/> exists.</exception>
    public static void CopyWithOperatingPoint(string source, string target, OperatingPoint point)
    {
        if (point.Problem is { } problem) throw new ArgumentOutOfRangeException(nameof(point), problem);
        if (File.Exists(target) || Directory.Exists(target)) throw new IOException($"{target}: exists; a calibrated copy is written to a new file only.");
        var (model, metadata) = LoadModel(source);
        using (model) Save(target, model, metadata with { OperatingPoint = point });
    }

    public static CheckpointMetadata ReadMetadata(string path) => ParseMetadata(path, SafetensorsFile.ReadMetadata(path));

    /// <summary>Builds the model the metadata describes and loads the weights (CPU, eval mode); the caller owns it.</summary>
    public static (OccluNetModel Model, CheckpointMetadata Metadata) LoadModel(string path)
    {
        var (tensors, map) = SafetensorsFile.Load(path);
        try
        {
            var metadata = ParseMetadata(path, map);
            var model = new OccluNetModel(metadata.ModelConfig);
            try
            {
                StateDictCheck.LoadStrict(model, tensors.ToDictionary(p => p.Key, p => p.Value), path);
            }
            catch
            {
                model.Dispose();
                throw;
            }
            model.eval();
            return (model, metadata);
        }
        finally
        {
            foreach (var (_, t) in tensors) t.Dispose();
        }
    }

    /// <summary>A ready streaming detector from a checkpoint file, on the given device (TorchSharp).</summary>
    public static IOcclusionDetector LoadDetector(string path, Device device, DetectionSettings? settings = null) =>
        LoadForInference(path, device, settings).Detector;

    /// <summary>As <see cref="LoadForInference(string, EngineChoice, DetectionSettings?)"/> with TorchSharp on <paramref name="device"/>.</summary>
    public static LoadedModel LoadForInference(string path, Device device, DetectionSettings? settings = null) =>
        LoadForInference(path, new EngineChoice(InferenceEngine.Torch, device.type, false), settings);

    /// <summary>
    /// Everything inference needs from one checkpoint, loaded and hashed once: the streaming detector of the chosen engine,
    /// its metadata, and the preprocessing recorded with the weights. The live pipeline and the evaluation both load
    /// models through this. TorchSharp runs the lean form (<see cref="OccluNetModel.PrepareForInference"/>); ONNX Runtime
    /// runs the graphs <see cref="OccluNetOnnxExporter"/> writes, exported in memory. Both use torch's thread count.
    /// </summary>
    /// <param name="settings">Post-processing; null = the checkpoint's own (its operating point, else the paper's 0.01).</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static LoadedModel LoadForInference(string path, EngineChoice engine, DetectionSettings? settings = null)
    {
        using var source = Open(path, settings);
        return engine.Engine == InferenceEngine.Auto
            ? Faster(source, engine)
            : new LoadedModel(source.Build(engine), source.Metadata, source.Settings);
    }

    /// <summary>The checkpoint loaded and hashed once, for building detectors (<see cref="DetectorSource.Build"/>).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    internal static DetectorSource Open(string path, DetectionSettings? settings = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model {path}: file not found", path);
        var (model, metadata) = LoadModel(path);
        return new DetectorSource(model, metadata, Sha256(path), settings ?? metadata.DetectionSettings);
    }

    /// <summary>Timed steps per engine when auto times them (median of these), after two warm-up rounds.</summary>
    private const int AutoTimedSteps = 6;

    /// <summary>
    /// --engine auto on the CPU: which engine is faster depends on the host (docs/model.md "auto on the CPU": TorchSharp
    /// lean 0.72-0.88x of ONNX Runtime on one, ONNX Runtime up to 2.9x faster on another), so both are built from the
    /// one loaded model and their streaming step on a grey frame is timed in turns; the faster is kept with its cache
    /// emptied, the other disposed, and the device line says both medians. Their outputs agree within 1e-4 (the
    /// engine-parity tests).
    /// </summary>
    private static LoadedModel Faster(DetectorSource source, EngineChoice auto)
    {
        // ONNX first: its export reads the model as trained; TorchSharp's detector then takes the model and folds it.
        var onnx = source.Build(auto with { Engine = InferenceEngine.Onnx });
        var candidates = new List<IOcclusionDetector>(2) { onnx };
        try
        {
            candidates.Insert(0, source.Build(auto with { Engine = InferenceEngine.Torch }));
            int size = source.Metadata.InputSize, lookAhead = source.Metadata.Temporal.Window.LookAhead;
            var grey = Enumerable.Repeat(0.5f, size * size).ToArray();
            var steps = candidates.Select(c => StreamingStepTiming.DetectorSteps(c, grey, lookAhead)).ToArray();
            var medians = StreamingStepTiming.TakeTurns(steps, AutoTimedSteps, warmupRounds: 2, TimeSpan.Zero, timedStepsPerTurn: 2)
                .Select(times => Median.Of(times) ?? double.NaN).ToArray();
            int fastest = medians[0] <= medians[1] ? 0 : 1, other = 1 - fastest;
            var kept = candidates[fastest];
            candidates.RemoveAt(fastest);
            kept.Reset();
            var winner = auto with { Engine = fastest == 0 ? InferenceEngine.Torch : InferenceEngine.Onnx };
            string timing = string.Create(CultureInfo.InvariantCulture,
                $"{medians[fastest]:0.0} ms a step; {EngineChoice.Name(fastest == 0 ? InferenceEngine.Onnx : InferenceEngine.Torch)}: {medians[other]:0.0}");
            SetDevice(kept, winner.Describe(torch.get_num_threads(), timing) + source.Settings.DeviceLineNote);
            return new LoadedModel(kept, source.Metadata, source.Settings);
        }
        finally
        {
            foreach (var loser in candidates) loser.Dispose();
        }
    }

    private static void SetDevice(IOcclusionDetector detector, string device)
    {
        switch (detector)
        {
            case StreamingOcclusionDetector torchDetector: torchDetector.Info = torchDetector.Info with { Device = device }; break;
            case OnnxOcclusionDetector onnxDetector: onnxDetector.Info = onnxDetector.Info with { Device = device }; break;
        }
    }

    /// <summary>
    /// One checkpoint's model, metadata and weights hash, from which either engine's detector is built. The model stays
    /// this source's (disposed with it) until a TorchSharp detector takes it; ONNX Runtime's detector only copies its weights.
    /// </summary>
    internal sealed class DetectorSource(OccluNetModel loaded, CheckpointMetadata metadata, string sha256, DetectionSettings settings) : IDisposable
    {
        private OccluNetModel? owned = loaded;

        public CheckpointMetadata Metadata => metadata;

        public DetectionSettings Settings => settings;

        /// <exception cref="InvalidOperationException">A TorchSharp detector has taken the model already.</exception>
        public IOcclusionDetector Build(EngineChoice engine)
        {
            var model = owned ?? throw new InvalidOperationException("the model was handed to a TorchSharp detector already; build ONNX Runtime's first.");
            int threads = torch.get_num_threads();
            var info = metadata.DetectorInfo(sha256, engine.Describe(threads), settings);
            if (engine.Engine == InferenceEngine.Onnx)
            {
                var graphs = OccluNetOnnxExporter.Export(model, metadata, sha256, settings.MirrorAveraged);
                using var options = OnnxSessions.Options(threads, engine.Device == DeviceType.CUDA);
                return new OnnxOcclusionDetector(graphs, metadata.Temporal, metadata.Classes.Count, info, options, settings);
            }
            model.to(engine.TorchDevice);
            model.PrepareForInference();
            var detector = new StreamingOcclusionDetector(model, info, engine.TorchDevice, settings);
            owned = null;
            return detector;
        }

        public void Dispose() => owned?.Dispose();
    }

    /// <summary>
    /// The checkpoint's two ONNX graphs (<see cref="OccluNetOnnxExporter"/>), with its metadata and weights hash in
    /// metadata_props; mirror-averaged when its operating point is.
    /// </summary>
    public static OccluNetOnnxGraphs ExportOnnx(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model {path}: file not found", path);
        var (model, metadata) = LoadModel(path);
        using (model) return OccluNetOnnxExporter.Export(model, metadata, Sha256(path), metadata.DetectionSettings.MirrorAveraged);
    }

    private static CheckpointMetadata ParseMetadata(string path, IReadOnlyDictionary<string, string> map)
    {
        if (!map.TryGetValue(MetadataKey, out var json))
            throw new InvalidDataException($"{path}: safetensors file without OccluNet metadata ('__metadata__.{MetadataKey}'); not an OccluNet checkpoint.");
        return ParseMetadataJson(path, json);
    }

    /// <summary>The checkpoint metadata JSON (a safetensors header's, or an exported graph's copy) read and checked; <paramref name="path"/> names the source in errors.</summary>
    internal static CheckpointMetadata ParseMetadataJson(string path, string json)
    {
        CheckpointMetadata? metadata;
        try { metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json, DomainJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: OccluNet metadata is not valid ({e.Message}).", e); }
        if (metadata is null || metadata.Scale is null || metadata.Temporal is null || metadata.Classes is null || metadata.Normalisation is null)
            throw new InvalidDataException($"{path}: OccluNet metadata lacks scale, temporal settings, normalisation or classes.");
        if (metadata.FormatVersion != CheckpointMetadata.CurrentFormat)
            throw new InvalidDataException($"{path}: checkpoint format {metadata.FormatVersion}, this build reads {CheckpointMetadata.CurrentFormat}.");
        if (metadata.OperatingPoint?.Problem is { } problem) throw new InvalidDataException($"{path}: {problem}");
        return metadata;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
