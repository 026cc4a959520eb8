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
    public static ModelComparison Run(IReadOnlyList<EvaluatedModel> models, IEnumerable<RawRun> runs, EvaluationOptions options, double timingThreshold,
        Action<int, RawRun>? progress = null, CancellationToken cancellationToken = default, int bridgedGap = 0)
    {
        var predictions = Predict(models, runs, progress, cancellationToken);
        var names = Unique(models.Select(m => m.Name).ToArray());
        var all = predictions.Select((p, m) => Named(SequenceEvaluator.Evaluate(p, options, cancellationToken: cancellationToken), $"{names[m]}: all runs")).ToArray();
        var subset = all.Select((r, m) => Named(TimingDependentSubset.Of(r, timingThreshold), $"{names[m]}: timing-dependent subset (MinIP difficulty <= {timingThreshold:G4})")).ToArray();
        if (bridgedGap <= 0) return new ModelComparison(names, all, subset, Pairs(all, names), Pairs(subset, names), timingThreshold, 0, [], []);
        var live = options with { Trajectories = options.Trajectories with { MaxGap = bridgedGap } };
        var bridged = predictions.Select((p, m) => Named(SequenceEvaluator.Evaluate(p, live, cancellationToken: cancellationToken),
            $"{names[m]}: all runs, gaps of up to {bridgedGap} frame(s) bridged (live rule)")).ToArray();
        var ruleChange = all.Select((r, m) => McNemarTest.Compare(r, bridged[m], $"{names[m]} (gap {options.Trajectories.MaxGap})", $"{names[m]} (gap {bridgedGap})")).ToArray();
        return new ModelComparison(names, all, subset, Pairs(all, names), Pairs(subset, names), timingThreshold, bridgedGap, bridged, ruleChange);
    }

    /// <summary>Every model's detections on every run, each run read once; one list per model, in run order.</summary>
    public static IReadOnlyList<RunPrediction>[] Predict(IReadOnlyList<EvaluatedModel> models, IEnumerable<RawRun> runs,
        Action<int, RawRun>? progress = null, CancellationToken cancellationToken = default)
    {
        var predictions = models.Select(_ => new List<RunPrediction>()).ToArray();
        int count = 0;
        foreach (var run in runs)
        {
            for (int m = 0; m < models.Count; m++)
                predictions[m].Add(new RunPrediction(run.Run, RunDetection.Detect(models[m].Detector, models[m].Prepare(run), cancellationToken)));
            progress?.Invoke(++count, run);
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
