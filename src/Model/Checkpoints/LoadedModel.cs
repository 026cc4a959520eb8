using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>
/// A checkpoint loaded for inference (<see cref="Checkpoint.LoadForInference(string, Runtime.EngineChoice, DetectionSettings?)"/>):
/// the streaming detector (owned: disposing this disposes it), what the checkpoint says it is, the preprocessing
/// recorded with its weights and the post-processing the detector uses. The live pipeline, the benchmarks and the
/// evaluation all start from this.
/// </summary>
public sealed class LoadedModel(IOcclusionDetector detector, CheckpointMetadata metadata, DetectionSettings settings) : IDisposable
{
    public IOcclusionDetector Detector { get; } = detector;

    /// <summary>What the checkpoint says it is (variant, operating point, training data), for the provenance of results.</summary>
    public CheckpointMetadata Metadata { get; } = metadata;

    /// <summary>The preprocessing recorded with the weights (input size, normalisation).</summary>
    public FramePreprocessor Preprocessor { get; } = new(metadata.InputSize, metadata.Normalisation);

    public DetectionSettings Settings { get; } = settings;

    /// <summary>
    /// Whether TorchSharp runs the model (its tensors are what a leak would grow); false on the ONNX engine, checkpoint
    /// or exported folder, which makes no TorchSharp tensor per frame.
    /// </summary>
    public bool RunsOnTorchSharp => Runtime.InferenceEngines.Of(Detector) == Runtime.InferenceEngine.Torch;

    /// <summary>The detector's score threshold in use: the checkpoint's operating point unless settings were given.</summary>
    public float ScoreThreshold => Settings.ScoreThreshold;

    public void Dispose() => Detector.Dispose();
}
