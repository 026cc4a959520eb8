using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Phantom.Report;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A drill session's report: per case and overall, trainee against AI (sensitivity over the positive cases,
/// specificity over the negative ones, median time to detection over the true positives), by truth class, as
/// report.json (snake_case keys), report.md, report.html and PNG charts. The trainee's name is in it only when the trainer says so (--store-trainee).
/// </summary>
internal sealed record DrillReport(string Deck, string Marks, string Model, string Rule, string? Trainee, IReadOnlyList<DrillCaseResult> Cases)
{
    public const string JsonName = "report.json";
    public const string MarkdownName = "report.md";
    public const string HtmlName = "report.html";

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
                Median.Of(cases.Select(time).OfType<double>()));
        }
    }

    Side TraineeSide(IReadOnlyList<DrillCaseResult> cases) => Side.Of(cases, c => c.Trainee, c => c.TimeToDetectionS);
    Side AiSide(IReadOnlyList<DrillCaseResult> cases) => Side.Of(cases, c => c.Ai, c => c.AiTimeToDetectionS);

    IEnumerable<(string Class, IReadOnlyList<DrillCaseResult> Cases)> ByClass =>
        Cases.GroupBy(c => c.Trainee.TruthClass?.ToString() ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<DrillCaseResult>)g.ToArray()));

    /// <summary>Cases by how well a MinIP image shows their occlusion (<see cref="DifficultyBands"/>).</summary>
    IEnumerable<(DifficultyBand Band, IReadOnlyList<DrillCaseResult> Cases)> ByDifficulty =>
        Cases.GroupBy(c => DifficultyBands.Of(c.Run.MinipDifficulty)).OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<DrillCaseResult>)g.ToArray()));

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
            ByDifficulty = ByDifficulty.Select(g => new { Band = g.Band.Name(), Meaning = g.Band.Meaning(), Cases = g.Cases.Count, Trainee = TraineeSide(g.Cases), Ai = AiSide(g.Cases) }),
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

    /// <summary>One table of the report, built once and written as Markdown and as HTML.</summary>
    sealed record Table(string Id, string Title, string[] Header, IReadOnlyList<string[]> Rows, int LinkColumn = -1);

    IEnumerable<Table> Tables()
    {
        var trainee = TraineeSide(Cases);
        var ai = AiSide(Cases);
        yield return new Table("overall", "Overall", ["", "trainee", "AI"],
        [
            ["sensitivity", Share(trainee.TruePositives, trainee.Positives), Share(ai.TruePositives, ai.Positives)],
            ["specificity", Share(trainee.TrueNegatives, trainee.Negatives), Share(ai.TrueNegatives, ai.Negatives)],
            ["median time to detection", Seconds(trainee.MedianTimeToDetectionS), Seconds(ai.MedianTimeToDetectionS)],
            ["missed / wrong place / false alarms", $"{trainee.Missed} / {trainee.Mislocalised} / {trainee.FalseAlarms}", $"{ai.Missed} / {ai.Mislocalised} / {ai.FalseAlarms}"],
        ]);
        yield return Breakdown("by-class", "By class", "truth class", ByClass);
        yield return Breakdown("by-difficulty", "By MinIP difficulty", "band", ByDifficulty.Select(g => ($"{g.Band.Name()}: {g.Band.Meaning()}", g.Cases)));
        yield return new Table("cases", "Cases", ["#", "case", "truth", "visible from", "mark", "trainee", "time to detection", "AI", "AI time to detection", "reveal"],
            Cases.Select((c, i) => new[]
            {
                $"{i + 1}", c.Name, c.Trainee.TruthClass?.ToString() ?? "no occlusion",
                c.FirstVisibleFrame is int f ? $"frame {f} ({Seconds(c.Timing.Seconds[f])})" : "-",
                c.Mark is null ? "(no mark)" : c.Mark.Point is { } p ? Invariant($"({p.X:0.#}, {p.Y:0.#}) at {c.Mark.TimeS:0.00} s") : Invariant($"none at {c.Mark.TimeS:0.00} s"),
                c.Trainee.Verdict.ToString(), Seconds(c.TimeToDetectionS), c.Ai.Verdict.ToString(), Seconds(c.AiTimeToDetectionS), c.Snapshot ?? "-",
            }).ToArray(), LinkColumn: 9);
    }

    Table Breakdown(string id, string title, string column, IEnumerable<(string Key, IReadOnlyList<DrillCaseResult> Cases)> groups) =>
        new(id, title, [column, "cases", "trainee sensitivity", "AI sensitivity", "trainee specificity", "AI specificity"],
            groups.Select(g =>
            {
                var t = TraineeSide(g.Cases);
                var a = AiSide(g.Cases);
                return new[] { g.Key, $"{g.Cases.Count}", Share(t.TruePositives, t.Positives), Share(a.TruePositives, a.Positives), Share(t.TrueNegatives, t.Negatives), Share(a.TrueNegatives, a.Negatives) };
            }).ToArray());

    IEnumerable<(string Label, string Value)> Facts()
    {
        var trainee = TraineeSide(Cases);
        if (Trainee is not null) yield return ("trainee", Trainee);
        yield return ("deck", $"{Deck} ({Cases.Count} cases: {trainee.Positives} with an occlusion, {trainee.Negatives} without)");
        yield return ("marks", Marks);
        yield return ("AI", Model);
        yield return ("rule", Rule);
    }

    const string Definitions = "Sensitivity: true positives / cases with a visible occlusion. Specificity: true negatives / cases without. "
        + "Time to detection: from the first frame where the occlusion is visible to the call that found it (true positives only; a call before it counts 0); its median over the true positives.";

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Drill report").AppendLine();
        foreach (var (label, value) in Facts()) md.AppendLine($"- {label}: {value}");
        foreach (var table in Tables())
        {
            md.AppendLine().AppendLine($"## {table.Title}").AppendLine();
            md.AppendLine($"| {string.Join(" | ", table.Header)} |").AppendLine($"|{string.Concat(table.Header.Select(_ => "---|"))}");
            foreach (var row in table.Rows)
                md.AppendLine($"| {string.Join(" | ", row.Select((cell, i) => i == table.LinkColumn && cell != "-" ? $"[png]({cell})" : cell))} |");
        }
        md.AppendLine().AppendLine(Definitions);
        return md.ToString();
    }

    /// <summary>
    /// The report as one self-contained XHTML page (no scripts, no outside styles): the same facts and tables as the
    /// Markdown, the charts (<paramref name="charts"/>: file names in the report folder) and the reveals linked relative.
    /// </summary>
    public string ToHtml(IReadOnlyList<string> charts)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\" />");
        html.AppendLine("<title>Drill report</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}th{background:#eee}img.chart{max-width:100%}img.reveal{height:48px}</style>");
        html.AppendLine("</head><body>").AppendLine("<h1>Drill report</h1>").AppendLine("<ul id=\"facts\">");
        foreach (var (label, value) in Facts()) html.AppendLine($"<li>{E(label)}: {E(value)}</li>");
        html.AppendLine("</ul>");
        foreach (var table in Tables())
        {
            html.AppendLine($"<h2>{E(table.Title)}</h2>").AppendLine($"<table id=\"{table.Id}\">");
            html.AppendLine($"<tr>{string.Concat(table.Header.Select(h => $"<th>{E(h)}</th>"))}</tr>");
            foreach (var row in table.Rows)
                html.AppendLine($"<tr>{string.Concat(row.Select((cell, i) => i == table.LinkColumn && cell != "-"
                    ? $"<td><a href=\"{E(cell)}\"><img class=\"reveal\" src=\"{E(cell)}\" alt=\"{E(cell)}\" /></a></td>"
                    : $"<td>{E(cell)}</td>"))}</tr>");
            html.AppendLine("</table>");
            if (table.Id == "by-difficulty")
                foreach (string chart in charts) html.AppendLine($"<p><img class=\"chart\" src=\"{E(chart)}\" alt=\"{E(chart)}\" /></p>");
        }
        html.AppendLine($"<p>{E(Definitions)}</p>").AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The report's charts, trainee beside AI: sensitivity and specificity over all cases, by class and by band (a
    /// group without positives, or without negatives, has no bar), and time to detection per case (# of the cases
    /// table; no bar unless a true positive). Drawn by the one chart writer of the app.
    /// </summary>
    public IEnumerable<(string FileName, ChartWriter Chart)> Charts()
    {
        var groups = new List<(string Label, IReadOnlyList<DrillCaseResult> Cases)> { ("all", Cases) };
        groups.AddRange(ByClass.Select(g => (g.Class, g.Cases)));
        groups.AddRange(ByDifficulty.Select(g => (g.Band.Name(), g.Cases)));
        foreach (var (name, title, share) in new (string, string, Func<Side, double?>)[] { ("sensitivity", "Sensitivity", s => s.Sensitivity), ("specificity", "Specificity", s => s.Specificity) })
        {
            var shown = groups.Where(g => share(TraineeSide(g.Cases)) is not null).ToArray();
            if (shown.Length == 0) continue;
            double[] x = shown.Select((_, i) => (double)i).ToArray();
            yield return ($"chart-{name}.png", new ChartWriter($"{title}: trainee and AI (all cases, by class, by MinIP difficulty band)", "group", name)
                .Categories(shown.Select(g => g.Label).ToArray()).YMax(1)
                .Bars("trainee", x, shown.Select(g => share(TraineeSide(g.Cases)) ?? double.NaN).ToArray())
                .Bars("AI", x, shown.Select(g => share(AiSide(g.Cases)) ?? double.NaN).ToArray()));
        }
        double[] cases = Cases.Select((_, i) => (double)i).ToArray();
        yield return ("chart-time-to-detection.png", new ChartWriter("Time to detection per case: trainee and AI (true positives)", "case (# in the cases table)", "seconds")
            .Categories(Cases.Select((_, i) => $"{i + 1}").ToArray())
            .Bars("trainee", cases, Cases.Select(c => c.TimeToDetectionS ?? double.NaN).ToArray())
            .Bars("AI", cases, Cases.Select(c => c.AiTimeToDetectionS ?? double.NaN).ToArray()));
    }

    static string Share(int count, int of) => of == 0 ? "-" : Invariant($"{count}/{of} ({100.0 * count / of:0.#} %)");

    static string Seconds(double? s) => s is double v ? Invariant($"{v:0.00} s") : "-";

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
