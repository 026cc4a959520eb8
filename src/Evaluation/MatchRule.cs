namespace OccluNet.Live.Evaluation;

/// <summary>When a positive run's best trajectory has found the occlusion.</summary>
public enum MatchRule
{
    /// <summary>
    /// The paper: a point of the best trajectory, in a frame where the occlusion is visible, has its centre within
    /// <see cref="EvaluationOptions.MatchRadius"/> (25 px at 640) of the truth box centre (Euclidean, inclusive).
    /// </summary>
    CentreDistance,

    /// <summary>The authors' temp_cont.py: any box of the best trajectory overlaps the truth box (IoU > 0.0001), in any frame.</summary>
    AnyOverlap,
}
