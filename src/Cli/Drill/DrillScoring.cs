using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// How a drill case is judged, for the trainee and the AI alike: by the sequence metric of <c>occlunet eval</c>
/// (<see cref="SequenceEvaluator.Judge"/>, the paper's rule: within 25 px at 640 of the truth in a frame where the
/// occlusion is visible), and a time to detection counted from the first frame where the occlusion is visible.
/// </summary>
internal static class DrillScoring
{
    /// <summary>
    /// The trainee's call as a detector's output, so that the metric judges it exactly as it judges a model: from the
    /// frame on screen at the mark's time to the run's end (the mark stays where it was put), one detection centred on
    /// the mark, the paper's 40-px-at-1024 box; no detection at all for "no occlusion" or no mark.
    /// </summary>
    public static IReadOnlyList<FrameDetections> AsDetections(DrillMark? mark, DrillTiming timing, int width)
    {
        if (mark?.Point is not { } point) return timing.Seconds.Select((_, f) => FrameDetections.Empty(f)).ToArray();
        int from = timing.FrameAt(mark.TimeS);
        float half = 20f * width / 1024f;
        var box = new Box(point.X - half, point.Y - half, point.X + half, point.Y + half);
        return timing.Seconds.Select((_, f) => f < from ? FrameDetections.Empty(f) : new FrameDetections(f, [new Detection(box, 1f, 0)])).ToArray();
    }

    /// <summary>The first frame in which the occlusion is visible (has a truth box), or null.</summary>
    public static int? FirstVisibleFrame(LabelledRun run, int frameCount) =>
        Enumerable.Range(0, frameCount).Where(f => run.BoxesIn(f).Count > 0).Select(f => (int?)f).FirstOrDefault();

    /// <summary>
    /// Seconds from the first visible frame to the call that found it (<paramref name="calledAtS"/>, on the run's clock),
    /// for a true positive only; a call made before the occlusion showed counts as 0.
    /// </summary>
    public static double? TimeToDetection(RunOutcome outcome, double? calledAtS, LabelledRun run, DrillTiming timing) =>
        outcome.Verdict == Verdict.TruePositive && calledAtS is double called && FirstVisibleFrame(run, timing.Seconds.Count) is int first
            ? Math.Max(0, called - timing.Seconds[first])
            : null;

    /// <summary>
    /// When the AI's call appeared on the run's clock: the frame its finding was first shown with, once the frames its
    /// window looks ahead to (<paramref name="lookAhead"/>) have arrived; null without a finding. Inference time is not
    /// included (<c>occlunet bench latency</c> measures it).
    /// </summary>
    public static double? AiCalledAtS(ShownTrajectory shown, DrillTiming timing, int lookAhead) =>
        shown.ShownWithFrame is int frame ? timing.Seconds[Math.Min(frame + lookAhead, timing.Seconds.Count - 1)] : null;

    /// <summary>A share, null when there is nothing to share (no positives for sensitivity, no negatives for specificity).</summary>
    public static double? Ratio(int count, int of) => of == 0 ? null : (double)count / of;
}
