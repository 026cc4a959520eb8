using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// The sequence-level metric's rules. Distances are in model-input pixels (<see cref="ModelInputSize"/>, 640 as in the
/// paper); the evaluator converts them per run to the run's image pixels, where detections and truth live.
/// </summary>
public sealed record EvaluationOptions
{
    /// <summary>Trajectory rules in model-input pixels (converted per run with <see cref="TrajectoryOptions.ForImage"/>). Its <c>MinScore</c> is the metric's confidence threshold.</summary>
    public TrajectoryOptions Trajectories { get; init; } = TrajectoryOptions.Paper;

    public MatchRule Match { get; init; } = MatchRule.CentreDistance;

    /// <summary>Largest centre distance of <see cref="MatchRule.CentreDistance"/>, model-input pixels (paper: 25 at 640).</summary>
    public float MatchRadius { get; init; } = 25f;

    /// <summary>IoU above which <see cref="MatchRule.AnyOverlap"/> counts a box as overlapping (authors: 0.0001).</summary>
    public float OverlapIoU { get; init; } = 0.0001f;

    /// <summary>The model-input side the distances refer to.</summary>
    public int ModelInputSize { get; init; } = TrajectoryOptions.ReferenceInputSize;

    /// <summary>
    /// Whether a positive run whose best trajectory is elsewhere (or of the wrong class) is an FP as well as an FN
    /// (the "FP otherwise", the authors' per-class script) or only an FN (the authors' temp_cont.py).
    /// </summary>
    public bool MislocalisedIsFalsePositive { get; init; } = true;

    /// <summary>The classes the model predicts: a single-class model makes the class check vacuous (the published model).</summary>
    public ClassSet Classes { get; init; } = ClassSet.SingleClass;

    /// <summary>The paper's metric (default).</summary>
    public static EvaluationOptions Paper { get; } = new();

    /// <summary>The authors' temp_cont.py: containment linking, any-overlap match in any frame, a mislocalised positive only an FN.</summary>
    public static EvaluationOptions AuthorsCode { get; } = new()
    {
        Trajectories = TrajectoryOptions.AuthorsCode,
        Match = MatchRule.AnyOverlap,
        MislocalisedIsFalsePositive = false,
    };

    public void Validate()
    {
        Trajectories.Validate();
        if (!(MatchRadius >= 0) || float.IsInfinity(MatchRadius)) throw new ArgumentOutOfRangeException(nameof(MatchRadius), $"MatchRadius must be a finite distance >= 0 (was {MatchRadius})");
        if (!(OverlapIoU >= 0) || OverlapIoU >= 1) throw new ArgumentOutOfRangeException(nameof(OverlapIoU), $"OverlapIoU must be in [0, 1) (was {OverlapIoU})");
        if (ModelInputSize <= 0) throw new ArgumentOutOfRangeException(nameof(ModelInputSize), $"ModelInputSize must be positive (was {ModelInputSize})");
        if (!Enum.IsDefined(Match)) throw new ArgumentOutOfRangeException(nameof(Match), $"unknown match rule {Match}");
        ArgumentNullException.ThrowIfNull(Classes);
    }
}
