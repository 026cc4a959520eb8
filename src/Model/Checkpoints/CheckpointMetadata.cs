using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Yolox;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>
/// What a checkpoint is, stored as JSON in the safetensors header (<c>__metadata__.occlunet</c>): enough to rebuild the
/// model and to feed it correctly (input size, normalisation), plus where it came from (training data, commit).
/// </summary>
public sealed record CheckpointMetadata(
    YoloxScale Scale,
    TemporalConfig Temporal,
    int InputSize,
    InputNormalisation Normalisation,
    IReadOnlyList<string> Classes,
    string TrainingData,
    string Commit,
    DateTimeOffset Created,
    int FormatVersion = CheckpointMetadata.CurrentFormat,
    OperatingPoint? OperatingPoint = null)
{
    public const int CurrentFormat = 1;

    /// <summary>"OccluNet1", "OccluNet2" or "YOLOX" (spatial-only); written for readers of the file, derived on load.</summary>
    public string Architecture => Temporal.Variant == TemporalVariant.None ? "YOLOX" : Temporal.Variant.ToString();

    /// <summary>The model's name in reports and the status strip: architecture, scale, input size, and "causal" for a causal window.</summary>
    public string ModelId => $"{Architecture}-{Scale.Name}-{InputSize}{(Temporal.Mode == Domain.WindowMode.Causal && Temporal.Variant != TemporalVariant.None ? "-causal" : "")}";

    /// <summary>
    /// Post-processing for inference: the operating point's score threshold (mirror averaging, when it was chosen with
    /// it, and its minimum of trajectory points) when the checkpoint has one, the paper's 0.01 otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Inference.DetectionSettings DetectionSettings => OperatingPoint?.Settings ?? Inference.DetectionSettings.Default;

    /// <summary>
    /// The paper's threshold (every detection &gt;= 0.01) and single trajectory point with the rest of this checkpoint's
    /// post-processing (mirror averaging stays).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Inference.DetectionSettings PaperThresholdSettings =>
        DetectionSettings with { ScoreThreshold = Inference.DetectionSettings.Default.ScoreThreshold, MinTrajectoryPoints = Inference.DetectionSettings.Default.MinTrajectoryPoints };

    [System.Text.Json.Serialization.JsonIgnore]
    public OccluNetConfig ModelConfig => new(Scale, Classes.Count, Temporal);

    public static CheckpointMetadata For(OccluNetConfig config, int inputSize, InputNormalisation normalisation,
        IReadOnlyList<string> classes, string trainingData, string commit) =>
        new(config.Scale, config.Temporal, inputSize, normalisation, classes, trainingData, commit, DateTimeOffset.UtcNow);

    /// <summary>
    /// What a detector of this checkpoint reports about itself (status strip, audit file, results): the engine and device
    /// with how <paramref name="settings"/> make the scores, and the trajectory points they ask for.
    /// </summary>
    public Domain.DetectorInfo DetectorInfo(string weightsSha256, string engineAndDevice, Inference.DetectionSettings settings) =>
        new(ModelId, weightsSha256, engineAndDevice + settings.DeviceLineNote, InputSize, Temporal.WindowLength, Temporal.Mode, new Domain.ClassSet(Classes),
            settings.MinTrajectoryPoints);
}
