using System.Diagnostics;
using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training;

/// <summary>
/// Evaluates one or more models on the same runs, reading each run once: per model a report on all runs and on the
/// timing-dependent subset, and McNemar's test between every pair. With a gap to bridge, every model is also judged on the
/// same detections with the live trajectory rule (gaps of up to <see cref="BridgedGap"/> frames bridged), with McNemar's
/// test of the two rules per model.
/// </summary>
public sealed record ModelComparison(IReadOnlyList<string> Names, IReadOnlyList<EvaluationReport> All, IReadOnlyList<EvaluationReport> TimingDependent,
    IReadOnlyList<McNemarResult> PairsAll, IReadOnlyList<McNemarResult> PairsTimingDependent, double TimingThreshold,
    int BridgedGap, IReadOnlyList<EvaluationReport> Bridged, IReadOnlyList<McNemarResult> RuleChange)
{
    /// <param name="bridgedGap">Also judge with gaps of up to this many frames bridged (0: the given rule only).</param>
    /// <param name="predicted">Called with each run and every model's prediction for it, as soon as they exist (e.g. to write result objects).</param>
    public static ModelComparison Run(IReadOnlyList<EvaluatedModel> models, IReadOnlyCollection<RawRun> runs, EvaluationOptions options, double timingThreshold,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default, int bridgedGap = 0, Action<RawRun, RunPrediction[]>? predicted = null)
    {
        var predictions = Predict(models, runs, progress, cancellationToken, predicted);
        var names = Unique(models.Select(m => m.Name).ToArray());
        var all = predictions.Select((p, m) => Named(SequenceEvaluator.Evaluate(p, models[m].OwnRule(options), cancellationToken: cancellationToken), $"{names[m]}: all runs")).ToArray();
        var subset = all.Select((r, m) => Named(TimingDependentSubset.Of(r, timingThreshold), $"{names[m]}: timing-dependent subset (MinIP difficulty <= {timingThreshold:G4})")).ToArray();
        if (bridgedGap <= 0) return new ModelComparison(names, all, subset, Pairs(all, names), Pairs(subset, names), timingThreshold, 0, [], []);
        var live = options with { Trajectories = options.Trajectories with { MaxGap = bridgedGap } };
        var bridged = predictions.Select((p, m) => Named(SequenceEvaluator.Evaluate(p, models[m].OwnRule(live), cancellationToken: cancellationToken),
            $"{names[m]}: all runs, gaps of up to {bridgedGap} frame(s) bridged (live rule)")).ToArray();
        var ruleChange = all.Select((r, m) => McNemarTest.Compare(r, bridged[m], $"{names[m]} (gap {options.Trajectories.MaxGap})", $"{names[m]} (gap {bridgedGap})")).ToArray();
        return new ModelComparison(names, all, subset, Pairs(all, names), Pairs(subset, names), timingThreshold, bridgedGap, bridged, ruleChange);
    }

    /// <summary>
    /// Every model's detections on every run, each run read once; one list per model, in run order. Reports after each
    /// run: runs done of all, the run, and each model's frames per second so far (preparing and detecting).
    /// </summary>
    public static IReadOnlyList<RunPrediction>[] Predict(IReadOnlyList<EvaluatedModel> models, IReadOnlyCollection<RawRun> runs,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default, Action<RawRun, RunPrediction[]>? predicted = null)
    {
        var predictions = models.Select(_ => new List<RunPrediction>()).ToArray();
        var names = Unique(models.Select(m => m.Name).ToArray());
        var seconds = new double[models.Count];
        long frames = 0;
        int count = 0;
        progress?.Report(new WorkProgress(0, runs.Count));
        foreach (var run in runs)
        {
            for (int m = 0; m < models.Count; m++)
            {
                long start = Stopwatch.GetTimestamp();
                predictions[m].Add(new RunPrediction(run.Run, RunDetection.Detect(models[m].Detector, models[m].Prepare(run), cancellationToken)));
                seconds[m] += Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            predicted?.Invoke(run, predictions.Select(p => p[^1]).ToArray());
            frames += run.Frames.Count;
            progress?.Report(new WorkProgress(++count, runs.Count, run.Run.RunId,
                string.Join(", ", names.Select((name, m) => string.Create(CultureInfo.InvariantCulture, $"{name} {frames / Math.Max(seconds[m], 1e-9):0.0} frames/s")))));
        }
        return predictions;
    }

    public string ToText()
    {
        var lines = new List<string>();
        for (int m = 0; m < Names.Count; m++) lines.Add(All[m].ToText());
        for (int m = 0; m < Names.Count; m++) lines.Add(TimingDependent[m].ToText());
        lines.AddRange(PairsAll.Select(p => "McNemar, all runs: " + p.ToText()));
        lines.AddRange(PairsTimingDependent.Select(p => "McNemar, timing-dependent subset: " + p.ToText()));
        lines.AddRange(Bridged.Select(r => r.ToText()));
        lines.AddRange(RuleChange.Select(p => "McNemar, trajectory rule: " + p.ToText()));
        return string.Join("\n", lines);
    }

    public object ToDocument() => new
    {
        models = Names,
        timingThreshold = TimingThreshold,
        all = All.Select(r => r.ToDocument()),
        timingDependent = TimingDependent.Select(r => r.ToDocument()),
        mcnemarAll = PairsAll,
        mcnemarTimingDependent = PairsTimingDependent,
        bridgedGap = BridgedGap,
        bridged = Bridged.Select(r => r.ToDocument()),
        mcnemarTrajectoryRule = RuleChange,
    };

    static EvaluationReport Named(EvaluationReport report, string name) => new(report.Outcomes, name);

    static McNemarResult[] Pairs(IReadOnlyList<EvaluationReport> reports, IReadOnlyList<string> names) =>
        (from i in Enumerable.Range(0, reports.Count)
         from j in Enumerable.Range(i + 1, reports.Count - i - 1)
         select McNemarTest.Compare(reports[i], reports[j], names[i], names[j])).ToArray();

    /// <summary>Two models of the same kind get their file names appended so the tables stay apart.</summary>
    static string[] Unique(string[] names) =>
        names.Select((n, i) => names.Count(x => x == n) > 1 ? $"{n}#{i + 1}" : n).ToArray();
}
