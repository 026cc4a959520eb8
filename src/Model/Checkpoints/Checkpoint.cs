using System.Security.Cryptography;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Preprocessing;
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

    /// <summary>A ready streaming detector from a checkpoint file, on the given device.</summary>
    public static IOcclusionDetector LoadDetector(string path, Device device, DetectionSettings? settings = null) =>
        LoadForInference(path, device, settings).Detector;

    /// <summary>
    /// Everything inference needs from one checkpoint, read once: the streaming detector, its metadata, and the
    /// preprocessing recorded with the weights. The live pipeline and the evaluation both load models through this.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static InferenceCheckpoint LoadForInference(string path, Device device, DetectionSettings? settings = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model {path}: file not found", path);
        var (model, metadata) = LoadModel(path);
        model.to(device);
        var info = new DetectorInfo(
            $"{metadata.Architecture}-{metadata.Scale.Name}-{metadata.InputSize}",
            Sha256(path),
            device.ToString(),
            metadata.InputSize,
            metadata.Temporal.WindowLength,
            metadata.Temporal.Mode.ToString().ToLowerInvariant(),
            new ClassSet(metadata.Classes));
        var detector = new StreamingOcclusionDetector(model, info, device, settings);
        return new InferenceCheckpoint(detector, metadata, new FramePreprocessor(metadata.InputSize, metadata.Normalisation));
    }

    private static CheckpointMetadata ParseMetadata(string path, IReadOnlyDictionary<string, string> map)
    {
        if (!map.TryGetValue(MetadataKey, out var json))
            throw new InvalidDataException($"{path}: safetensors file without OccluNet metadata ('__metadata__.{MetadataKey}'); not an OccluNet checkpoint.");
        CheckpointMetadata? metadata;
        try { metadata = JsonSerializer.Deserialize<CheckpointMetadata>(json, DomainJson.Options); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: OccluNet metadata is not valid ({e.Message}).", e); }
        if (metadata is null || metadata.Scale is null || metadata.Temporal is null || metadata.Classes is null || metadata.Normalisation is null)
            throw new InvalidDataException($"{path}: OccluNet metadata lacks scale, temporal settings, normalisation or classes.");
        if (metadata.FormatVersion != CheckpointMetadata.CurrentFormat)
            throw new InvalidDataException($"{path}: checkpoint format {metadata.FormatVersion}, this build reads {CheckpointMetadata.CurrentFormat}.");
        return metadata;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
