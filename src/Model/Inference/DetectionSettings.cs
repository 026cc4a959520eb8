namespace OccluNet.Live.Model.Inference;

/// <summary>Post-processing of head outputs: score = objectness x best class, threshold, class-aware NMS, top-k.</summary>
public sealed record DetectionSettings(float ScoreThreshold = 0.01f, float NmsIou = 0.6f, int MaxDetections = 100, int PreNmsTopK = 1000)
{
    /// <summary>The authors' test settings (score >= 0.01, NMS IoU 0.6, no cap; capped at 100 here).</summary>
    public static readonly DetectionSettings Default = new();
}
