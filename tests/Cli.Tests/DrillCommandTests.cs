using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet drill --headless`: a scripted session of 20 small phantom cases (written by `occlunet synth`, 64 px, 10
/// frames at 3 fps) with a marks file built from their ground truth to cover hits, misses, wrong places, marks just
/// inside and just outside the radius, early and late marks, moved marks, no mark, and 'none' on positives and
/// negatives. Every trainee number of report.json is computed here again from the marks and the ground-truth JSON
/// alone; the AI's verdicts must equal `occlunet eval` on the same runs (the live rule's section).
/// </summary>
[TestFixture]
public sealed class DrillCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    const int Cases = 20;
    const double Tolerance = 1e-6;

    sealed record Mark(string Case, double Time, (double X, double Y)? Point);

    [Test]
    public async Task EveryNumberOfTheReportEqualsAHandComputationFromTheMarksAndTheTruth()
    {
        string work = Directory.CreateTempSubdirectory("cli-drill-").FullName;
        try
        {
            string runs = Path.Combine(work, "runs");
            var synth = await CliProcess.RunAsync(work, Limit, "synth", "--out", runs, "--count", $"{Cases}", "--seed", "3000000", "--size", "64",
                "--frames", "10", "--fps", "3");
            Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
            var truths = CaseTruth.ReadFolder(runs);
            Assert.That(truths, Has.Length.EqualTo(Cases));
            var (marks, kinds) = MarksFor(truths);
            Assert.That(kinds, Is.SupersetOf(new[] { "hit", "early", "inside", "outside", "elsewhere", "none", "unmarked", "moved-to", "moved-away", "late", "neg-none", "neg-click", "neg-unmarked" }),
                "the deck must give every kind of mark a case");
            string marksPath = Path.Combine(work, "marks.csv");
            File.WriteAllText(marksPath, Csv(marks));

            string reportPath = Path.Combine(work, "report");
            var drill = await CliProcess.RunAsync(work, Limit, "drill", "--deck", runs, "--marks", marksPath, "--headless", "--report", reportPath,
                "--threads", "1", "--device", "cpu", "--trainee", "T. Rainee", "--store-trainee");
            Assert.That(drill.ExitCode, Is.Zero, drill.ToString());
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportPath, "report.json")));
            var root = report.RootElement;
            Assert.That(root.GetProperty("trainee").GetString(), Is.EqualTo("T. Rainee"));
            var cases = root.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.That(cases.Keys, Is.EquivalentTo(truths.Select(t => t.Name)));

            // The trainee, by hand: the last mark per case, the frame on screen at its time, the paper's radius.
            var expected = truths.ToDictionary(t => t.Name, t => Judge(t, marks.LastOrDefault(m => m.Case == t.Name)));
            Assert.That(expected.Values.Select(v => v.Verdict).Distinct(), Is.EquivalentTo(new[] { "TruePositive", "Missed", "Mislocalised", "FalseAlarm", "TrueNegative" }),
                "the marks give every verdict");
            foreach (var t in truths)
            {
                var c = cases[t.Name];
                var (verdict, time) = expected[t.Name];
                Assert.That(c.GetProperty("truth").GetProperty("class").ValueKind == JsonValueKind.Null ? null : c.GetProperty("truth").GetProperty("class").GetString(),
                    Is.EqualTo(t.Positive ? t.Class : null), t.Name);
                Assert.That(c.GetProperty("verdict").GetString(), Is.EqualTo(verdict), t.Name);
                AssertClose(Number(c.GetProperty("time_to_detection_s")), time, t.Name);
                Assert.That(File.Exists(Path.Combine(reportPath, c.GetProperty("snapshot").GetString()!)), t.Name);
            }

            // The AI: the same verdicts as eval's live-rule section on the same runs and model.
            string evalJson = Path.Combine(work, "eval.json");
            var eval = await CliProcess.RunAsync(work, Limit, "eval", "--data", runs, "--threads", "1", "--device", "cpu", "--json", evalJson);
            Assert.That(eval.ExitCode, Is.Zero, eval.ToString());
            using var evaluated = JsonDocument.Parse(File.ReadAllText(evalJson));
            var evalRuns = evaluated.RootElement.GetProperty("bridged")[0].GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetString()!);
            Assert.That(evalRuns, Has.Count.EqualTo(Cases));
            var aiTimes = new Dictionary<string, double?>();
            foreach (var t in truths)
            {
                var c = cases[t.Name];
                string aiVerdict = c.GetProperty("ai_verdict").GetString()!;
                Assert.That(aiVerdict, Is.EqualTo(evalRuns[t.Name].GetProperty("verdict").GetString()), t.Name);
                double? aiTime = Number(c.GetProperty("ai_time_to_detection_s"));
                double? calledAt = Number(c.GetProperty("ai_called_at_s"));
                if (aiVerdict == "TruePositive")
                {
                    // Called with a frame of the run, no earlier than the window after the trajectory's first frame.
                    int bestFirst = evalRuns[t.Name].GetProperty("bestFirstFrame").GetInt32();
                    Assert.That(t.Times, Has.Some.EqualTo(calledAt!.Value).Within(Tolerance), t.Name);
                    Assert.That(calledAt, Is.GreaterThanOrEqualTo(t.Times[Math.Min(bestFirst + 1, t.Times.Length - 1)] - Tolerance), t.Name);
                    AssertClose(aiTime, Math.Max(0, calledAt.Value - t.Times[t.First]), t.Name);
                }
                else Assert.That(aiTime, Is.Null, t.Name);
                aiTimes[t.Name] = aiTime;
            }
            var aiVerdicts = truths.ToDictionary(t => t.Name, t => evalRuns[t.Name].GetProperty("verdict").GetString()!);

            // Overall and per class, by hand from the verdicts above.
            var overall = root.GetProperty("overall");
            Assert.That(overall.GetProperty("cases").GetInt32(), Is.EqualTo(Cases));
            Assert.That(overall.GetProperty("positives").GetInt32(), Is.EqualTo(truths.Count(t => t.Positive)));
            CheckSide(overall, "", truths, t => expected[t.Name].Verdict, t => expected[t.Name].Time);
            CheckSide(overall, "ai_", truths, t => aiVerdicts[t.Name], t => aiTimes[t.Name]);
            var byClass = root.GetProperty("by_class").EnumerateArray().ToArray();
            var classes = truths.GroupBy(t => t.Positive ? t.Class! : "none").ToDictionary(g => g.Key, g => g.ToArray());
            Assert.That(byClass.Select(b => b.GetProperty("class").GetString()), Is.EquivalentTo(classes.Keys));
            foreach (var row in byClass)
            {
                var group = classes[row.GetProperty("class").GetString()!];
                CheckSide(row.GetProperty("trainee"), "", group, t => expected[t.Name].Verdict, t => expected[t.Name].Time);
                CheckSide(row.GetProperty("ai"), "", group, t => aiVerdicts[t.Name], t => aiTimes[t.Name]);
            }
            // By MinIP difficulty: the bands eval's timing-dependent threshold (0.45) cuts, from each truth file's score.
            var byDifficulty = root.GetProperty("by_difficulty").EnumerateArray().ToArray();
            var bands = truths.GroupBy(t => t.MinipDifficulty switch { null => "none", <= 0.45 => "hard", _ => "easy" })
                .ToDictionary(g => g.Key, g => g.ToArray());
            Assert.That(bands.Keys, Has.Count.GreaterThan(1), "the deck spans more than one band, so the split means something");
            Assert.That(byDifficulty.Select(b => b.GetProperty("band").GetString()), Is.EquivalentTo(bands.Keys));
            foreach (var row in byDifficulty)
            {
                var group = bands[row.GetProperty("band").GetString()!];
                Assert.That(row.GetProperty("cases").GetInt32(), Is.EqualTo(group.Length));
                CheckSide(row.GetProperty("trainee"), "", group, t => expected[t.Name].Verdict, t => expected[t.Name].Time);
                CheckSide(row.GetProperty("ai"), "", group, t => aiVerdicts[t.Name], t => aiTimes[t.Name]);
            }
            string markdown = File.ReadAllText(Path.Combine(reportPath, "report.md"));
            Assert.That(markdown, Does.Contain("## By MinIP difficulty"));
            Assert.That(markdown, Does.Contain($"| sensitivity | {Share(truths.Count(t => expected[t.Name].Verdict == "TruePositive"), truths.Count(t => t.Positive))} |"));

            // report.html: every case and the same numbers as report.json; the charts it shows are PNGs of the chart size.
            DrillReportFiles.AssertHtmlSaysWhatJsonSays(reportPath);
            string[] charts = DrillReportFiles.Images(DrillReportFiles.Html(reportPath)).Where(i => i.StartsWith("chart-", StringComparison.Ordinal)).ToArray();
            Assert.That(charts, Is.EquivalentTo(new[] { "chart-sensitivity.png", "chart-specificity.png", "chart-time-to-detection.png" }));
            foreach (string chart in charts)
            {
                using var image = DrillReportFiles.Png(reportPath, chart);
                Assert.That((image.Width, image.Height), Is.EqualTo((900, 520)), chart);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    public async Task ABadMarksLineIsOneLineNamingFileAndLineAndNothingIsWritten()
    {
        string work = Directory.CreateTempSubdirectory("cli-drill-bad-").FullName;
        try
        {
            string report = Path.Combine(work, "report");
            // A phantom deck made on the fly: its names are known only by generating it; line 3 names no case of it.
            string marks = Path.Combine(work, "marks.csv");
            File.WriteAllText(marks, "case,time_s,x,y\nph7-ap,1.0,none,\nno-such-case,1.0,10,10\n");
            var unknown = await CliProcess.RunAsync(work, Limit, "drill", "--deck", "phantom:7:2:64", "--frames", "5", "--fps", "3",
                "--marks", marks, "--headless", "--report", report, "--threads", "1", "--device", "cpu");
            Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
            Assert.That(unknown.ErrorLines, Has.Length.EqualTo(1), unknown.ToString());
            Assert.That(unknown.ErrorLines[0], Does.Contain($"{marks}:3: case 'no-such-case' is not in the deck"));

            File.WriteAllText(marks, "case,time_s,x,y\nph7-ap,soon,none,\n");
            var time = await CliProcess.RunAsync(work, Limit, "drill", "--deck", "phantom:7:2:64", "--marks", marks, "--headless", "--report", report);
            Assert.That(time.ExitCode, Is.EqualTo(2), time.ToString());
            Assert.That(time.ErrorLines, Has.Length.EqualTo(1), time.ToString());
            Assert.That(time.ErrorLines[0], Does.Contain($"{marks}:2: time_s 'soon' is not a number of seconds"));
            Assert.That(Directory.Exists(report), Is.False, "nothing is written for a bad marks file");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Marks for the deck: positives and negatives each cycle through the kinds of mark; returns the marks in file order and the kinds used.</summary>
    static (List<Mark> Marks, HashSet<string> Kinds) MarksFor(IReadOnlyList<CaseTruth> truths)
    {
        string[] positiveKinds = ["hit", "early", "inside", "outside", "elsewhere", "none", "unmarked", "moved-to", "moved-away", "late"];
        string[] negativeKinds = ["neg-none", "neg-click", "neg-unmarked"];
        var marks = new List<Mark>();
        var kinds = new HashSet<string>();
        int p = 0, n = 0;
        foreach (var t in truths)
        {
            string kind = t.Positive ? positiveKinds[p++ % positiveKinds.Length] : negativeKinds[n++ % negativeKinds.Length];
            if (kind == "early" && t.First == 0) kind = "hit";
            kinds.Add(kind);
            int middle = (t.First + t.Last) / 2;
            (double, double) centre = (t.X, t.Y), far = (t.X > t.Width / 2 ? 4 : t.Width - 4, 4);
            switch (kind)
            {
                case "hit": marks.Add(new(t.Name, t.During(middle), (t.X + 0.5, t.Y - 0.5))); break;
                case "early": marks.Add(new(t.Name, t.During(t.First - 1), centre)); break;
                case "inside": marks.Add(new(t.Name, t.During(t.First), (t.X + 0.8 * t.Radius, t.Y))); break;
                case "outside": marks.Add(new(t.Name, t.During(t.First), (t.X, t.Y + 1.2 * t.Radius))); break;
                case "elsewhere": marks.Add(new(t.Name, t.During(middle), far)); break;
                case "none": marks.Add(new(t.Name, t.During(middle), null)); break;
                case "moved-to":
                    marks.Add(new(t.Name, t.During(t.First), far));
                    marks.Add(new(t.Name, t.During(t.Last), centre));
                    break;
                case "moved-away":
                    marks.Add(new(t.Name, t.During(t.First), centre));
                    marks.Add(new(t.Name, t.During(t.Last), far));
                    break;
                case "late": marks.Add(new(t.Name, t.Times[^1] + 4.0, centre)); break;
                case "neg-none": marks.Add(new(t.Name, t.During(2), null)); break;
                case "neg-click": marks.Add(new(t.Name, t.During(5), (t.Width / 2.0, t.Height / 2.0))); break;
            }
        }
        // Interleave the cases (a trainer's file need not be grouped): the order of a case's own marks is kept.
        var order = truths.Select((t, i) => (t.Name, Key: i * 7 % 5)).ToDictionary(x => x.Name, x => x.Key);
        return (marks.OrderBy(m => order[m.Case]).ThenBy(m => marks.IndexOf(m)).ToList(), kinds);
    }

    /// <summary>The paper's rule by hand: a point within the radius of the truth centre in a frame where it is visible, the mark staying from its frame on.</summary>
    static (string Verdict, double? Time) Judge(CaseTruth t, Mark? mark)
    {
        bool called = mark?.Point is not null;
        if (!t.Positive) return (called ? "FalseAlarm" : "TrueNegative", null);
        if (!called) return ("Missed", null);
        int frame = t.Times.Count(s => s <= mark!.Time) - 1;
        var (x, y) = mark!.Point!.Value;
        bool hit = frame <= t.Last && Math.Sqrt((x - t.X) * (x - t.X) + (y - t.Y) * (y - t.Y)) <= t.Radius;
        return hit ? ("TruePositive", Math.Max(0, mark.Time - t.Times[t.First])) : ("Mislocalised", null);
    }

    static void CheckSide(JsonElement side, string prefix, IReadOnlyList<CaseTruth> truths, Func<CaseTruth, string> verdict, Func<CaseTruth, double?> time)
    {
        int positives = truths.Count(t => t.Positive), negatives = truths.Count - positives;
        int tp = truths.Count(t => verdict(t) == "TruePositive"), tn = truths.Count(t => verdict(t) == "TrueNegative");
        AssertClose(Number(side.GetProperty(prefix + "sensitivity")), positives == 0 ? null : (double)tp / positives, prefix + "sensitivity");
        AssertClose(Number(side.GetProperty(prefix + "specificity")), negatives == 0 ? null : (double)tn / negatives, prefix + "specificity");
        var times = truths.Select(time).OfType<double>().Order().ToArray();
        double? median = times.Length == 0 ? null : times.Length % 2 == 1 ? times[times.Length / 2] : (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
        AssertClose(Number(side.GetProperty(prefix + "median_time_to_detection_s")), median, prefix + "median");
    }

    static string Csv(IEnumerable<Mark> marks)
    {
        var csv = new StringBuilder("case,time_s,x,y\n");
        foreach (var m in marks)
            csv.Append(CultureInfo.InvariantCulture, $"{m.Case},{m.Time:R},{(m.Point is { } p ? $"{p.X:R},{p.Y:R}" : "none,")}\n");
        return csv.ToString();
    }

    static void AssertClose(double? actual, double? expected, string what)
    {
        Assert.That(actual.HasValue, Is.EqualTo(expected.HasValue), $"{what}: {actual} against {expected}");
        if (expected is double e) Assert.That(actual!.Value, Is.EqualTo(e).Within(Tolerance), what);
    }

    static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    static string Share(int count, int of) => string.Create(CultureInfo.InvariantCulture, $"{count}/{of} ({100.0 * count / of:0.#} %)");
}
