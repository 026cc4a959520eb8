using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A scripted drill session: per case of the deck (one run read at a time), the trainee's last mark judged by the
/// sequence metric, the AI (<paramref name="model"/>, detected as <c>occlunet eval</c> detects: <see cref="RunDetection"/>)
/// judged by the same metric on the same run, and the reveal written into <paramref name="folder"/>.
/// </summary>
internal sealed class DrillSession(EvaluatedModel model, EvaluationOptions metric, DrillMarks marks, OutputFolder folder, TextWriter log)
{
    /// <summary>Why reveals stopped (no headless GL here); the report is still complete without them.</summary>
    public string? RevealProblem { get; private set; }

    public IReadOnlyList<DrillCaseResult> Run(IEnumerable<RunEntry> deck, CancellationToken cancellationToken)
    {
        var results = new List<DrillCaseResult>();
        foreach (var entry in deck)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RawRun run = entry.Read();
            var result = Judge(run, cancellationToken);
            string? snapshot = WriteReveal(result, run);
            result = result with { Snapshot = snapshot };
            results.Add(result);
            log.WriteLine(Describe(result));
        }
        return results;
    }

    DrillCaseResult Judge(RawRun run, CancellationToken cancellationToken)
    {
        var labelled = run.Run;
        var timing = DrillTiming.Of(run);
        if (timing.Seconds.Count != run.Frames.Count)
            throw new InvalidDataException($"{labelled.SourcePath ?? labelled.RunId}: {timing.Seconds.Count} frame times for {run.Frames.Count} frames");
        var mark = marks.Last.GetValueOrDefault(labelled.RunId);

        // The trainee does not name a class: judged on place and time only.
        var trainee = SequenceEvaluator.Judge(new RunPrediction(labelled, DrillScoring.AsDetections(mark, timing, run.Width)), metric with { Classes = ClassSet.SingleClass });
        double? traineeTime = DrillScoring.TimeToDetection(trainee, mark?.Point is null ? null : mark.TimeS, labelled, timing);

        var detections = RunDetection.Detect(model.Detector, model.Prepare(run), cancellationToken);
        var aiMetric = metric with { Classes = model.Detector.Info.Classes };
        var ai = SequenceEvaluator.Judge(new RunPrediction(labelled, detections), aiMetric);
        var shown = TrajectoryFinder.FindShown(detections, aiMetric.Trajectories.ForImage(run.Width, run.Height, aiMetric.ModelInputSize));
        double? aiCalled = DrillScoring.AiCalledAtS(shown, timing, RunDetection.LookAhead(model.Detector.Info));
        return new DrillCaseResult(labelled, timing, mark, trainee, traineeTime, ai, aiCalled,
            DrillScoring.TimeToDetection(ai, aiCalled, labelled, timing), null);
    }

    string? WriteReveal(DrillCaseResult result, RawRun run)
    {
        if (RevealProblem is not null) return null;
        string name = DrillReveal.FileName(result.Name);
        try
        {
            DrillReveal.Write(result, run, model.Detector.Info.Classes, folder, name);
            return name;
        }
        catch (Exception e) when (e is OverlayContextException or DllNotFoundException)
        {
            RevealProblem = $"reveal snapshots not written: no headless OpenGL ({e.Message.ReplaceLineEndings(" ")})";
            return null;
        }
    }

    static string Describe(DrillCaseResult r)
    {
        string truth = r.FirstVisibleFrame is int f
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Trainee.TruthClass} visible from {r.Timing.Seconds[f]:0.00} s")
            : "no occlusion";
        return $"case {r.Name}: {truth}; trainee {r.Trainee.Verdict}{Time(r.TimeToDetectionS)}; AI {r.Ai.Verdict}{Time(r.AiTimeToDetectionS)}";
    }

    static string Time(double? s) => s is double v ? string.Create(CultureInfo.InvariantCulture, $" after {v:0.00} s") : "";
}
