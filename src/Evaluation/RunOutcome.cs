using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// How one run was judged. <see cref="CentreDistance"/> is, in model-input pixels, the distance from the truth box centre
/// to the nearest point of the best trajectory in a visible frame (null without a trajectory, a visible-frame point or an occlusion).
/// </summary>
public sealed record RunOutcome(
    string RunId,
    OcclusionClass? TruthClass,
    int Instances,
    Verdict Verdict,
    int TruePositives,
    int FalsePositives,
    int FalseNegatives,
    Trajectory? Best,
    double? CentreDistance,
    double? MinipDifficulty)
{
    public bool IsPositive => TruthClass != null;

    /// <summary>Right for McNemar: a positive found (TP), or a negative left without a trajectory.</summary>
    public bool IsCorrect => Verdict is Verdict.TruePositive or Verdict.TrueNegative;
}
