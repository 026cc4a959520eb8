namespace OccluNet.Live.Model.Checkpoints;

/// <summary>
/// The detector's score threshold chosen for this model on labelled runs it was not trained on, and how it was chosen.
/// The paper keeps every detection with score &gt;= 0.01; a model's own operating point on the sequence-level
/// precision/recall curve is what a reader of the overlay needs (no box on a run without occlusion), so it travels with
/// the weights and every consumer of the checkpoint (live pipeline, evaluation) applies it unless told otherwise.
/// </summary>
/// <param name="ScoreThreshold">Detections below this score are dropped before trajectories are formed.</param>
/// <param name="Criterion">How it was chosen, e.g. "max F1".</param>
/// <param name="Data">The runs it was chosen on, e.g. "phantom seeds 2000100..2000199 at 256 px".</param>
/// <param name="Precision">Sequence-level precision on those runs at this threshold.</param>
/// <param name="Recall">Sequence-level recall on those runs at this threshold.</param>
/// <param name="MirrorAveraged">The scores it was chosen on were averaged with the mirror image's (test-time flip,
/// <see cref="Inference.DetectionSettings.MirrorAveraged"/>), so the threshold is applied to such scores only.</param>
/// <param name="MinPoints">Points (linked detections) a run's best trajectory needs before it is shown, chosen with the
/// threshold (1: a single detection can box a run; older checkpoints have 1).</param>
public sealed record OperatingPoint(float ScoreThreshold, string Criterion, string Data, double? Precision, double? Recall, bool MirrorAveraged = false,
    int MinPoints = 1)
{
    /// <summary>The post-processing this point asks for (the rest as <see cref="Inference.DetectionSettings.Default"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Inference.DetectionSettings Settings =>
        Inference.DetectionSettings.Default with { ScoreThreshold = ScoreThreshold, MirrorAveraged = MirrorAveraged, MinTrajectoryPoints = MinPoints };

    /// <summary>Why the point cannot be used (one line), or null when it can.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Problem =>
        !(ScoreThreshold >= 0 && ScoreThreshold < 1) ? $"operating point score threshold {ScoreThreshold} is outside [0, 1)."
        : MinPoints < 1 ? $"operating point minimum trajectory points {MinPoints} is below 1."
        : null;
}
