using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A drill session's report: per case and overall, trainee against AI (sensitivity over the positive cases,
/// specificity over the negative ones, median time to detection over the true positives), by truth class, as
/// report.json (snake_case keys) and report.md. The trainee's name is in it only when the trainer gave one.
/// </summary>
internal sealed record DrillReport(string Deck, string Marks, string Model, string Rule, string? Trainee, IReadOnlyList<DrillCaseResult> Cases)
{
    public const string JsonName = "report.json";
    public const string MarkdownName = "report.md";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Counts and shares of one side (trainee or AI) over some cases.</summary>
    sealed record Side(int Positives, int Negatives, int TruePositives, int Missed, int Mislocalised, int FalseAlarms, int TrueNegatives,
        double? Sensitivity, double? Specificity, double? MedianTimeToDetectionS)
    {
        public static Side Of(IReadOnlyList<DrillCaseResult> cases, Func<DrillCaseResult, RunOutcome> outcome, Func<DrillCaseResult, double?> time)
        {
            int Count(Verdict v) => cases.Count(c => outcome(c).Verdict == v);
            int positives = cases.Count(c => outcome(c).IsPositive), negatives = cases.Count - positives;
            return new Side(positives, negatives, Count(Verdict.TruePositive), Count(Verdict.Missed),
                Count(Verdict.Mislocalised) + Count(Verdict.WrongClass), Count(Verdict.FalseAlarm), Count(Verdict.TrueNegative),
                DrillScoring.Ratio(Count(Verdict.TruePositive), positives), DrillScoring.Ratio(Count(Verdict.TrueNegative), negatives),
                DrillScoring.Median(cases.Select(time).OfType<double>()));
        }
    }

    Side TraineeSide(IReadOnlyList<DrillCaseResult> cases) => Side.Of(cases, c => c.Trainee, c => c.TimeToDetectionS);
    Side AiSide(IReadOnlyList<DrillCaseResult> cases) => Side.Of(cases, c => c.Ai, c => c.AiTimeToDetectionS);

    IEnumerable<(string Class, IReadOnlyList<DrillCaseResult> Cases)> ByClass =>
        Cases.GroupBy(c => c.Trainee.TruthClass?.ToString() ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<DrillCaseResult>)g.ToArray()));

    /// <summary>
    /// Cases by how well a MinIP image shows their occlusion (the phantom's MinIP difficulty against eval's
    /// timing-dependent threshold): the hard band is where a single projection cannot decide and timing must.
    /// </summary>
    IEnumerable<(string Band, IReadOnlyList<DrillCaseResult> Cases)> ByDifficulty =>
        Cases.GroupBy(c => DifficultyBand(c.Run.MinipDifficulty)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<DrillCaseResult>)g.ToArray()));

    static string DifficultyBand(double? difficulty) => difficulty switch
    {
        null => "no score (no occlusion, or not a phantom case)",
        <= Commands.EvalCommand.DefaultTimingThreshold => Invariant($"MinIP hides it (difficulty <= {Commands.EvalCommand.DefaultTimingThreshold})"),
        _ => Invariant($"MinIP shows it (difficulty > {Commands.EvalCommand.DefaultTimingThreshold})"),
    };

    public object ToDocument()
    {
        var trainee = TraineeSide(Cases);
        var ai = AiSide(Cases);
        return new
        {
            Deck,
            Marks,
            Model,
            Rule,
            Trainee,
            Cases = Cases.Select(CaseDocument),
            Overall = new
            {
                Cases = Cases.Count,
                trainee.Positives,
                trainee.Negatives,
                trainee.Sensitivity,
                trainee.Specificity,
                trainee.MedianTimeToDetectionS,
                AiSensitivity = ai.Sensitivity,
                AiSpecificity = ai.Specificity,
                AiMedianTimeToDetectionS = ai.MedianTimeToDetectionS,
                TraineeCounts = trainee,
                AiCounts = ai,
            },
            ByClass = ByClass.Select(g => new { g.Class, Trainee = TraineeSide(g.Cases), Ai = AiSide(g.Cases) }),
            ByDifficulty = ByDifficulty.Select(g => new { g.Band, Cases = g.Cases.Count, Trainee = TraineeSide(g.Cases), Ai = AiSide(g.Cases) }),
        };
    }

    static object CaseDocument(DrillCaseResult c)
    {
        var occlusion = c.Run.Truth.Occlusion;
        int? first = c.FirstVisibleFrame;
        return new
        {
            c.Name,
            Truth = new
            {
                Class = c.Trainee.TruthClass,
                Box = occlusion is null || first is null ? null : BoxDocument(c.Run.BoxesIn(first.Value)[0]),
                FirstVisibleFrame = first,
                FirstVisibleS = first is int f ? c.Timing.Seconds[f] : (double?)null,
                c.Run.MinipDifficulty,
                Width = c.Run.Truth.Width,
                Height = c.Run.Truth.Height,
            },
            Mark = c.Mark is null ? null : new { c.Mark.TimeS, X = c.Mark.Point?.X, Y = c.Mark.Point?.Y, Frame = c.Timing.FrameAt(c.Mark.TimeS) },
            c.Trainee.Verdict,
            c.TimeToDetectionS,
            AiVerdict = c.Ai.Verdict,
            c.AiTimeToDetectionS,
            c.AiCalledAtS,
            AiBox = c.Ai.Best is { } best ? BoxDocument(best.RepresentativeBox) : null,
            AiFrames = c.Ai.Best is { } b ? new[] { b.FirstFrame, b.LastFrame } : null,
            c.Snapshot,
        };
    }

    static object BoxDocument(Domain.Box b) => new { b.X1, b.Y1, b.X2, b.Y2 };

    public string ToJson() => JsonSerializer.Serialize(ToDocument(), Json);

    public string ToMarkdown()
    {
        var trainee = TraineeSide(Cases);
        var ai = AiSide(Cases);
        var md = new StringBuilder();
        md.AppendLine("# Drill report").AppendLine();
        if (Trainee is not null) md.AppendLine($"- trainee: {Trainee}");
        md.AppendLine($"- deck: `{Deck}` ({Cases.Count} cases: {trainee.Positives} with an occlusion, {trainee.Negatives} without)");
        md.AppendLine($"- marks: `{Marks}`");
        md.AppendLine($"- AI: `{Model}`");
        md.AppendLine($"- rule: {Rule}").AppendLine();
        md.AppendLine("| | trainee | AI |").AppendLine("|---|---|---|");
        md.AppendLine($"| sensitivity | {Share(trainee.TruePositives, trainee.Positives)} | {Share(ai.TruePositives, ai.Positives)} |");
        md.AppendLine($"| specificity | {Share(trainee.TrueNegatives, trainee.Negatives)} | {Share(ai.TrueNegatives, ai.Negatives)} |");
        md.AppendLine($"| median time to detection | {Seconds(trainee.MedianTimeToDetectionS)} | {Seconds(ai.MedianTimeToDetectionS)} |");
        md.AppendLine($"| missed / wrong place / false alarms | {trainee.Missed} / {trainee.Mislocalised} / {trainee.FalseAlarms} | {ai.Missed} / {ai.Mislocalised} / {ai.FalseAlarms} |");
        AppendBreakdown(md, "By class", "truth class", ByClass);
        AppendBreakdown(md, "By MinIP difficulty", "band", ByDifficulty);
        md.AppendLine().AppendLine("## Cases").AppendLine();
        md.AppendLine("| case | truth | visible from | mark | trainee | time to detection | AI | AI time to detection | reveal |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in Cases)
        {
            string visible = c.FirstVisibleFrame is int f ? $"frame {f} ({Seconds(c.Timing.Seconds[f])})" : "-";
            string mark = c.Mark is null ? "(no mark)" : c.Mark.Point is { } p ? Invariant($"({p.X:0.#}, {p.Y:0.#}) at {c.Mark.TimeS:0.00} s") : Invariant($"none at {c.Mark.TimeS:0.00} s");
            string reveal = c.Snapshot is null ? "-" : $"[png]({c.Snapshot})";
            md.AppendLine($"| {c.Name} | {c.Trainee.TruthClass?.ToString() ?? "no occlusion"} | {visible} | {mark} | {c.Trainee.Verdict} | {Seconds(c.TimeToDetectionS)} | {c.Ai.Verdict} | {Seconds(c.AiTimeToDetectionS)} | {reveal} |");
        }
        md.AppendLine().AppendLine("Sensitivity: true positives / cases with a visible occlusion. Specificity: true negatives / cases without. "
            + "Time to detection: from the first frame where the occlusion is visible to the call that found it (true positives only; a call before it counts 0); its median over the true positives.");
        return md.ToString();
    }

    void AppendBreakdown(StringBuilder md, string title, string column, IEnumerable<(string Key, IReadOnlyList<DrillCaseResult> Cases)> groups)
    {
        md.AppendLine().AppendLine($"## {title}").AppendLine();
        md.AppendLine($"| {column} | cases | trainee sensitivity | AI sensitivity | trainee specificity | AI specificity |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (key, cases) in groups)
        {
            var t = TraineeSide(cases);
            var a = AiSide(cases);
            md.AppendLine($"| {key} | {cases.Count} | {Share(t.TruePositives, t.Positives)} | {Share(a.TruePositives, a.Positives)} | {Share(t.TrueNegatives, t.Negatives)} | {Share(a.TrueNegatives, a.Negatives)} |");
        }
    }

    static string Share(int count, int of) => of == 0 ? "-" : Invariant($"{count}/{of} ({100.0 * count / of:0.#} %)");

    static string Seconds(double? s) => s is double v ? Invariant($"{v:0.00} s") : "-";

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
