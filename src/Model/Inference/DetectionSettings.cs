namespace OccluNet.Live.Model.Inference;

/// <summary>Post-processing of head outputs: score = objectness x best class, threshold, class-aware NMS, top-k.</summary>
/// <param name="MirrorAveraged">
/// Run the model on each frame and on its mirror image and average the two head outputs before decoding
/// (<see cref="MirrorAverage"/>): twice the model's work per frame. A threshold chosen on averaged scores only means
/// something on averaged scores, so a checkpoint's operating point says which it was chosen on.
/// </param>
/// <param name="MinTrajectoryPoints">
/// Not used by the detector: the points a run's best trajectory needs before it is shown, chosen with the threshold
/// (<see cref="Checkpoints.OperatingPoint.MinPoints"/>). The detector reports it (<see cref="Domain.DetectorInfo.MinTrajectoryPoints"/>)
/// so that everything that turns its detections into a finding applies it, and the paper's threshold comes with the
/// paper's single point.
/// </param>
public sealed record DetectionSettings(float ScoreThreshold = 0.01f, float NmsIou = 0.6f, int MaxDetections = 100, int PreNmsTopK = 1000,
    bool MirrorAveraged = false, int MinTrajectoryPoints = 1)
{
    /// <summary>The rule that makes a box, in words: "score >= 0.3" or "score >= 0.3, a box after 3 linked detections".</summary>
    public string FindingRule => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"score >= {ScoreThreshold:0.###}{PointsNote}");

    /// <summary>What reports add after the threshold when more than one point is asked for: ", a box after 3 linked detections".</summary>
    public string PointsNote => MinTrajectoryPoints > 1 ? $", a box after {MinTrajectoryPoints} linked detections" : "";

    /// <summary>The authors' test settings (score >= 0.01, NMS IoU 0.6, no cap; capped at 100 here).</summary>
    public static readonly DetectionSettings Default = new();

    /// <summary>What the device line (start-up, status strip, audit) adds after the engine: how the scores are made.</summary>
    public string DeviceLineNote => MirrorAveraged ? ", each frame averaged with its mirror image" : "";
}
