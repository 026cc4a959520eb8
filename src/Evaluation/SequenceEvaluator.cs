using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// The sequence-level metric: one best trajectory per run (the same <see cref="TrajectoryTracker"/> the live pipeline
/// runs), judged against the run's truth. The entry point takes everything the <c>occlunet eval</c> command has: the
/// labelled runs and a way to get a run's detections.
/// </summary>
public static class SequenceEvaluator
{
    /// <summary>Judges every run, asking <paramref name="detect"/> for its detections (image pixels) one run at a time.</summary>
    public static EvaluationReport Evaluate(
        IEnumerable<LabelledRun> runs,
        Func<LabelledRun, CancellationToken, IReadOnlyList<FrameDetections>> detect,
        EvaluationOptions? options = null,
        IProgress<RunOutcome>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(detect);
        return Evaluate(runs.Select(r => new RunPrediction(r, detect(r, cancellationToken))), options, progress, cancellationToken);
    }

    /// <summary>Judges runs whose detections are already known.</summary>
    public static EvaluationReport Evaluate(
        IEnumerable<RunPrediction> predictions,
        EvaluationOptions? options = null,
        IProgress<RunOutcome>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        options ??= EvaluationOptions.Paper;
        options.Validate();
        var outcomes = new List<RunOutcome>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (RunPrediction p in predictions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!seen.Add(p.Run.RunId)) throw new ArgumentException($"run '{p.Run.RunId}' appears twice", nameof(predictions));
            RunOutcome outcome = Judge(p, options);
            outcomes.Add(outcome);
            progress?.Report(outcome);
        }
        return new EvaluationReport(outcomes);
    }

    /// <summary>Judges one run.</summary>
    public static RunOutcome Judge(RunPrediction prediction, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        RunTruth truth = prediction.Run.Truth;
        float toImage = TrajectoryOptions.ModelToImageFactor(truth.Width, truth.Height, options.ModelInputSize);
        Trajectory? best = BestOf(prediction, options.Trajectories.ForImage(truth.Width, truth.Height, options.ModelInputSize));
        OcclusionTruth? occlusion = truth.Occlusion;
        // An occlusion visible in no frame has nothing to annotate: judged like a run without one, as the authors'
        // code judges a sequence without boxes (training also sees its frames as negatives).
        if (occlusion == null || !occlusion.IsEverVisible)
            return Outcome(prediction, null, 0, best == null ? Verdict.TrueNegative : Verdict.FalseAlarm, best, null, options);

        LabelledRun run = prediction.Run;
        double? distance = best == null ? null : NearestVisibleDistance(best, run) / toImage;
        Verdict verdict = best == null ? Verdict.Missed
            : !Located(best, run, options, toImage) ? Verdict.Mislocalised
            : options.Classes.IndexOf(occlusion.Class) != best.ClassId ? Verdict.WrongClass
            : Verdict.TruePositive;
        return Outcome(prediction, occlusion.Class, run.AnnotatedFrames, verdict, best, distance, options);
    }

    static Trajectory? BestOf(RunPrediction prediction, TrajectoryOptions options)
    {
        try
        {
            return TrajectoryFinder.FindBest(prediction.Frames, options);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"run '{prediction.Run.RunId}': {e.Message}", nameof(prediction), e);
        }
    }

    static bool Located(Trajectory best, LabelledRun run, EvaluationOptions options, float toImage) => options.Match switch
    {
        MatchRule.CentreDistance => NearestVisibleDistance(best, run) <= options.MatchRadius * toImage,
        _ => best.Points.Any(p => run.AllBoxes.Any(box => p.Detection.Box.IntersectionOverUnion(box) > options.OverlapIoU)),
    };

    /// <summary>Image-pixel distance from a truth box centre to the nearest trajectory point in the same frame (infinity if none).</summary>
    static double NearestVisibleDistance(Trajectory best, LabelledRun run) =>
        best.Points.SelectMany(p => run.BoxesIn(p.FrameIndex).Select(box => (double)p.Detection.Box.CenterDistance(box)))
            .DefaultIfEmpty(double.PositiveInfinity)
            .Min();

    static RunOutcome Outcome(RunPrediction p, OcclusionClass? cls, int instances, Verdict verdict, Trajectory? best, double? distance, EvaluationOptions options)
    {
        bool wrong = verdict is Verdict.Mislocalised or Verdict.WrongClass;
        int tp = verdict == Verdict.TruePositive ? 1 : 0;
        int fp = verdict == Verdict.FalseAlarm || (wrong && options.MislocalisedIsFalsePositive) ? 1 : 0;
        int fn = verdict == Verdict.Missed || wrong ? 1 : 0;
        return new RunOutcome(p.Run.RunId, cls, instances, verdict, tp, fp, fn, best,
            distance is double d && double.IsFinite(d) ? d : null, p.Run.MinipDifficulty);
    }
}
