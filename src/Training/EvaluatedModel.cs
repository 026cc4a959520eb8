using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using static TorchSharp.torch;

namespace OccluNet.Live.Training;

/// <summary>
/// A checkpoint loaded for evaluation: its streaming detector and the preprocessing its metadata names. A spatial-only
/// checkpoint is this project's MinIP baseline and sees each run's MinIP image.
/// </summary>
public sealed class EvaluatedModel : IDisposable
{
    EvaluatedModel(string name, string path, IOcclusionDetector detector, FramePreprocessor preprocessor, bool minIp, Model.Inference.DetectionSettings settings, CheckpointMetadata metadata)
    {
        Metadata = metadata;
        Settings = settings;
        Name = name;
        Path = path;
        Detector = detector;
        Preprocessor = preprocessor;
        MinIp = minIp;
    }

    public string Name { get; }
    public string Path { get; }
    public IOcclusionDetector Detector { get; }
    public FramePreprocessor Preprocessor { get; }
    public bool MinIp { get; }

    /// <summary>What the checkpoint says it is (variant, operating point, training data).</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>The detector's score threshold in use: the checkpoint's operating point unless settings were given.</summary>
    public float ScoreThreshold => Settings.ScoreThreshold;

    /// <summary>The detector's post-processing in use: the checkpoint's operating point (threshold, mirror averaging) unless settings were given.</summary>
    public Model.Inference.DetectionSettings Settings { get; }

    /// <summary>
    /// How the detector decides, for reports: "detector threshold 0.3", "detector threshold 0.3, mirror-averaged",
    /// with ", a box after 3 linked detections" when the operating point asks for more than one.
    /// </summary>
    public string DetectorRule =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"detector threshold {ScoreThreshold}{(Settings.MirrorAveraged ? ", mirror-averaged" : "")}{Settings.PointsNote}");

    /// <param name="settings">Post-processing; null = the checkpoint's own (its operating point, else the paper's 0.01).</param>
    public static EvaluatedModel Load(string path, Device device, Model.Inference.DetectionSettings? settings = null) =>
        Load(path, new EngineChoice(InferenceEngine.Torch, device.type, false), settings);

    /// <param name="settings">Post-processing; null = the checkpoint's own (its operating point, else the paper's 0.01).</param>
    public static EvaluatedModel Load(string path, EngineChoice engine, Model.Inference.DetectionSettings? settings = null)
    {
        LoadedModel checkpoint = Checkpoint.LoadForInference(path, engine, settings);
        bool minIp = checkpoint.Metadata.Temporal.Variant == TemporalVariant.None;
        var name = minIp ? "MinIP" : checkpoint.Metadata.Architecture;
        return new EvaluatedModel(name, path, checkpoint.Detector, checkpoint.Preprocessor, minIp, checkpoint.Settings, checkpoint.Metadata);
    }

    /// <summary><paramref name="metric"/> judging this model's findings by its own trajectory rule (its operating point's minimum of points).</summary>
    public EvaluationOptions OwnRule(EvaluationOptions metric) => metric with { Trajectories = metric.Trajectories.For(Detector.Info) };

    public PreparedRun Prepare(RawRun run) => run.Prepare(Preprocessor, MinIp);

    public void Dispose() => Detector.Dispose();
}
