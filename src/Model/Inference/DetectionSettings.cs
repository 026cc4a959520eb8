namespace OccluNet.Live.Model.Inference;

/// <summary>Post-processing of head outputs: score = objectness x best class, threshold, class-aware NMS, top-k.</summary>
/// <param name="MirrorAveraged">
/// Run the model on each frame and on its mirror image and average the two head outputs before decoding
/// (<see cref="MirrorAverage"/>): twice the model's work per frame. A threshold chosen on averaged scores only means
/// something on averaged scores, so a checkpoint's operating point says which it was chosen on.
/// </param>
public sealed record DetectionSettings(float ScoreThreshold = 0.01f, float NmsIou = 0.6f, int MaxDetections = 100, int PreNmsTopK = 1000,
    bool MirrorAveraged = false)
{
    /// <summary>The authors' test settings (score >= 0.01, NMS IoU 0.6, no cap; capped at 100 here).</summary>
    public static readonly DetectionSettings Default = new();

    /// <summary>What the device line (start-up, status strip, audit) adds after the engine: how the scores are made.</summary>
    public string DeviceLineNote => MirrorAveraged ? ", each frame averaged with its mirror image" : "";
}
