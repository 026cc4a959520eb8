using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A drill session: per case of the deck (one run read at a time), the trainee's calls (from a marks file or the
/// window: <c>callsOf</c>) judged by the sequence metric on their last call, the AI (<paramref name="model"/>, detected
/// as <c>occlunet eval</c> detects: <see cref="RunDetection"/>) judged by the same metric on the same run, and the
/// reveal (<c>reveal</c>: its file name, or null when none was written).
/// </summary>
internal sealed class DrillSession(EvaluatedModel model, EvaluationOptions metric, TextWriter log)
{
    public ClassSet AiClasses => model.Detector.Info.Classes;

    /// <returns>The judged cases; fewer than the deck's when <paramref name="callsOf"/> gave null (the trainee stopped).</returns>
    /// <param name="progress">Cases judged of the deck's (the scripted session; a window shows its own case count).</param>
    public IReadOnlyList<DrillCaseResult> Run(IReadOnlyCollection<RunEntry> deck, Func<RawRun, DrillTiming, IReadOnlyList<DrillMark>?> callsOf,
        Func<DrillCaseResult, RawRun, string?> reveal, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        var results = new List<DrillCaseResult>();
        progress?.Report(new WorkProgress(0, deck.Count));
        foreach (var entry in deck)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RawRun run = entry.Read();
            var timing = DrillTiming.Of(run);
            if (timing.Seconds.Count != run.Frames.Count)
                throw new InvalidDataException($"{run.Run.SourcePath ?? run.Run.RunId}: {timing.Seconds.Count} frame times for {run.Frames.Count} frames");
            if (callsOf(run, timing) is not { } calls) break;
            var result = Judge(run, timing, calls.Count == 0 ? null : calls[^1], cancellationToken);
            result = result with { Snapshot = reveal(result, run) };
            results.Add(result);
            log.WriteLine(Describe(result));
            log.Flush();
            progress?.Report(new WorkProgress(results.Count, deck.Count, result.Name));
        }
        return results;
    }

    DrillCaseResult Judge(RawRun run, DrillTiming timing, DrillMark? mark, CancellationToken cancellationToken)
    {
        var labelled = run.Run;
        // The trainee does not name a class: judged on place and time only.
        var trainee = SequenceEvaluator.Judge(new RunPrediction(labelled, DrillScoring.AsDetections(mark, timing, run.Width)), metric with { Classes = ClassSet.SingleClass });
        double? traineeTime = DrillScoring.TimeToDetection(trainee, mark?.Point is null ? null : mark.TimeS, labelled, timing);

        var detections = RunDetection.Detect(model.Detector, model.Prepare(run), cancellationToken);
        var aiMetric = model.OwnRule(metric) with { Classes = AiClasses };
        var ai = SequenceEvaluator.Judge(new RunPrediction(labelled, detections), aiMetric);
        var shown = TrajectoryFinder.FindShown(detections, aiMetric.Trajectories.ForImage(run.Width, run.Height, aiMetric.ModelInputSize));
        double? aiCalled = DrillScoring.AiCalledAtS(shown, timing, TemporalWindow.Of(model.Detector.Info).LookAhead);
        return new DrillCaseResult(labelled, timing, mark, trainee, traineeTime, ai, aiCalled,
            DrillScoring.TimeToDetection(ai, aiCalled, labelled, timing), null);
    }

    static string Describe(DrillCaseResult r)
    {
        string truth = r.FirstVisibleFrame is int f
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Trainee.TruthClass} visible from {r.Timing.Seconds[f]:0.00} s")
            : "no occlusion";
        string mark = r.Mark is null ? "no mark" : r.Mark.Point is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"mark ({p.X:0.0}, {p.Y:0.0}) at {r.Mark.TimeS:0.00} s")
            : string.Create(CultureInfo.InvariantCulture, $"none at {r.Mark.TimeS:0.00} s");
        return $"case {r.Name}: {truth}; {mark}; trainee {r.Trainee.Verdict}{Time(r.TimeToDetectionS)}; AI {r.Ai.Verdict}{Time(r.AiTimeToDetectionS)}";
    }

    static string Time(double? s) => s is double v ? string.Create(CultureInfo.InvariantCulture, $" after {v:0.00} s") : "";
}
