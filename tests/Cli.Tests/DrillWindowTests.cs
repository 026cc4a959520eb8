using System.Text.Json;
using System.Threading.Channels;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Overlay.Tests;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet drill` in a GLFW window (a private Xvfb), driven by real clicks and key presses (XTEST) on three cases:
/// a click on the truth (hit), a window resize, then a click on the truth moved to a wrong place (the last counts), and
/// N on a case without occlusion. Each step waits for the line the program prints when it is ready (no sleeps). The
/// clicks' screen positions come from the overlay's layout for the window's size; the report must place each mark on
/// the truth within half an image pixel and give the expected verdicts and times. Skipped without Xvfb or libXtst.
/// </summary>
[TestFixture]
public sealed class DrillWindowTests
{
    const ulong Return = 0xff0d, N = 0x6e;
    const int Size = 64;

    [Test]
    public async Task ClicksThroughTheLetterboxAndAResizeMarkTheRightPixelsAndTheReportListsThem()
    {
        using var display = XvfbDisplay.StartOrAssume();
        using var keyboard = XTestKeyboard.OpenOrAssume(display.Name);
        using var pointer = XTestPointer.OpenOrAssume(display.Name);
        string work = Directory.CreateTempSubdirectory("cli-drill-window-").FullName;
        try
        {
            string runs = Path.Combine(work, "runs");
            var synth = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(2), "synth", "--out", runs, "--count", "3", "--seed", "3000000", "--size", $"{Size}", "--frames", "6", "--fps", "3");
            Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
            var truths = CaseTruth.ReadFolder(runs);
            Assert.That(truths.Select(t => t.Class is not null), Is.EqualTo(new[] { true, true, false }), "seeds 3000000-2: two positives, then a negative");
            Assert.That(truths.Take(2).Select(t => t.Last), Is.All.EqualTo(5), "visible in the last frame, where the clicks land");
            var (a, b, c) = (truths[0], truths[1], truths[2]);

            var lines = Channel.CreateUnbounded<string>();
            var seen = new List<string>();
            async Task WaitFor(string text)
            {
                while (!seen.Any(l => l.Contains(text, StringComparison.Ordinal)))
                    seen.Add(await lines.Reader.ReadAsync());
            }
            (int X, int Y) ScreenPointOf(nint window, float x, float y)
            {
                var (width, height) = pointer.Size(window);
                var image = OverlayLayout.For(width, height).LivePanel.Fit(Size, Size);
                var origin = pointer.Origin(window);
                return (origin.X + image.X + (int)(x * image.Width / Size), origin.Y + image.Y + (int)(y * image.Height / Size));
            }
            void Focus(nint window)
            {
                var origin = pointer.Origin(window);
                keyboard.MovePointer(origin.X + 10, origin.Y + 10);
            }

            var driver = Task.Run(async () =>
            {
                await WaitFor($"case {a.Name}: last frame shown");
                nint window = pointer.ProgramWindow();
                var hit = ScreenPointOf(window, a.X, a.Y);
                pointer.Click(hit.X, hit.Y);
                keyboard.Press(Return);
                await WaitFor($"case {a.Name}: reveal shown");
                pointer.Resize(window, 600, 620);
                Focus(window);
                keyboard.Press(Return);
                await WaitFor("window: 600 x 620");
                await WaitFor($"case {b.Name}: last frame shown");
                var onTruth = ScreenPointOf(window, b.X, b.Y);
                var elsewhere = ScreenPointOf(window, 4, 4);
                pointer.Click(onTruth.X, onTruth.Y);
                pointer.Click(elsewhere.X, elsewhere.Y);
                keyboard.Press(Return);
                await WaitFor($"case {b.Name}: reveal shown");
                keyboard.Press(Return);
                await WaitFor($"case {c.Name}: last frame shown");
                Focus(window);
                keyboard.Press(N);
                keyboard.Press(Return);
                await WaitFor($"case {c.Name}: reveal shown");
                keyboard.Press(Return);
            });
            string report = Path.Combine(work, "report");
            var drill = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(3), display.Name, (line, _) => lines.Writer.TryWrite(line),
                "drill", "--deck", runs, "--report", report, "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1");
            lines.Writer.TryComplete();
            Assert.That(drill.ExitCode, Is.Zero, drill.ToString());
            await driver;
            Assert.That(drill.StdOut, Does.Contain("view: GLFW window"));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
            var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
            Assert.That(cases.Keys, Is.EqualTo(truths.Select(t => t.Name)), "the report lists the three cases");

            var caseA = cases[a.Name];
            Assert.That(caseA.GetProperty("verdict").GetString(), Is.EqualTo("TruePositive"), drill.StdOut);
            AssertOn(caseA.GetProperty("mark"), a.X, a.Y, "case A's click");
            // Clicked after the last frame was shown: the time counts from the first visible frame to the click.
            double markTime = caseA.GetProperty("mark").GetProperty("time_s").GetDouble();
            Assert.That(markTime, Is.GreaterThanOrEqualTo(a.Times[^1]));
            Assert.That(caseA.GetProperty("time_to_detection_s").GetDouble(), Is.EqualTo(markTime - a.Times[a.First]).Within(1e-9));

            var caseB = cases[b.Name];
            Assert.That(caseB.GetProperty("verdict").GetString(), Is.EqualTo("Mislocalised"), "the click moved away from the truth: the last one counts");
            Assert.That(caseB.GetProperty("time_to_detection_s").ValueKind, Is.EqualTo(JsonValueKind.Null));
            AssertOn(caseB.GetProperty("mark"), 4, 4, "case B's last click");

            var caseC = cases[c.Name];
            Assert.That(caseC.GetProperty("verdict").GetString(), Is.EqualTo("TrueNegative"));
            Assert.That(caseC.GetProperty("mark").GetProperty("x").ValueKind, Is.EqualTo(JsonValueKind.Null), "N: no occlusion");

            // Every call is kept in marks.csv: case B's first click, after the resize, was on the truth.
            var marks = File.ReadAllLines(Path.Combine(report, "marks.csv"));
            Assert.That(marks[0], Is.EqualTo("case,time_s,x,y"));
            var bMarks = marks.Skip(1).Where(l => l.StartsWith(b.Name + ",", StringComparison.Ordinal)).Select(l => l.Split(',')).ToArray();
            Assert.That(bMarks, Has.Length.EqualTo(2), string.Join("\n", marks));
            Assert.That(Math.Abs(float.Parse(bMarks[0][2], System.Globalization.CultureInfo.InvariantCulture) - b.X), Is.LessThanOrEqualTo(0.5));
            Assert.That(Math.Abs(float.Parse(bMarks[0][3], System.Globalization.CultureInfo.InvariantCulture) - b.Y), Is.LessThanOrEqualTo(0.5));
            Assert.That(cases.Values.Select(v => File.Exists(Path.Combine(report, v.GetProperty("snapshot").GetString()!))), Is.All.True);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// A windowed session of two cases whose file is cut after the first (as if the window had been closed there):
    /// `--resume` in the window plays the second case only (the first is never shown again), and the report keeps the
    /// first case's click from the file beside the new call.
    /// </summary>
    [Test]
    public async Task AResumedSessionInTheWindowCarriesOnAtTheFirstCaseWithoutACall()
    {
        using var display = XvfbDisplay.StartOrAssume();
        using var keyboard = XTestKeyboard.OpenOrAssume(display.Name);
        using var pointer = XTestPointer.OpenOrAssume(display.Name);
        string work = Directory.CreateTempSubdirectory("cli-drill-window-resume-").FullName;
        try
        {
            string runs = Path.Combine(work, "runs");
            var synth = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(2), "synth", "--out", runs, "--count", "2", "--seed", "3000001", "--size", $"{Size}", "--frames", "6", "--fps", "3");
            Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
            var truths = CaseTruth.ReadFolder(runs);
            Assert.That(truths, Has.Length.EqualTo(2));
            var (a, b) = (truths[0], truths[1]);
            string report = Path.Combine(work, "report");

            async Task<CliResult> Session(Func<Func<string, Task>, Task> drive, params string[] args)
            {
                var lines = Channel.CreateUnbounded<string>();
                var seen = new List<string>();
                async Task WaitFor(string text)
                {
                    while (!seen.Any(l => l.Contains(text, StringComparison.Ordinal)))
                        seen.Add(await lines.Reader.ReadAsync());
                }
                var driver = Task.Run(() => drive(WaitFor));
                var result = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(3), display.Name, (line, _) => lines.Writer.TryWrite(line),
                    ["drill", .. args, "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1"]);
                lines.Writer.TryComplete();
                await driver;
                return result;
            }
            async Task CallNone(Func<string, Task> waitFor, CaseTruth t)
            {
                await waitFor($"case {t.Name}: last frame shown");
                var origin = pointer.Origin(pointer.ProgramWindow());
                keyboard.MovePointer(origin.X + 10, origin.Y + 10);
                keyboard.Press(N);
                keyboard.Press(Return);
                await waitFor($"case {t.Name}: reveal shown");
                keyboard.Press(Return);
            }

            var first = await Session(async waitFor =>
            {
                await CallNone(waitFor, a);
                await CallNone(waitFor, b);
            }, "--deck", runs, "--report", report);
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            string sessionPath = Path.Combine(report, "session.json");
            var session = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sessionPath))!;
            var called = session["cases"]!.AsArray();
            Assert.That(called, Has.Count.EqualTo(2));
            called.RemoveAt(1);
            File.WriteAllText(sessionPath, session.ToJsonString());
            double firstCallTime = called[0]!["calls"]![0]!["time_s"]!.GetValue<double>();

            var resumed = await Session(waitFor => CallNone(waitFor, b), "--resume", report);
            Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
            Assert.That(resumed.StdOut, Does.Contain("resumed: 1 of 2 cases called before; carrying on at case 2"));
            Assert.That(resumed.StdOut, Does.Not.Contain($"case {a.Name}: playing"), "the case called before is not shown again");
            Assert.That(resumed.StdOut, Does.Contain($"case {b.Name}: playing"));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "report.json")));
            var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
            Assert.That(cases.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { a.Name, b.Name }));
            Assert.That(cases[0].GetProperty("mark").GetProperty("time_s").GetDouble(), Is.EqualTo(firstCallTime), "case A's call is the one from the file");
            Assert.That(cases.Select(c => c.GetProperty("mark").GetProperty("x").ValueKind), Is.All.EqualTo(JsonValueKind.Null), "N on both");
            Assert.That(File.ReadAllLines(Path.Combine(report, "marks.csv")), Has.Length.EqualTo(3), "marks.csv: the header and one call per case");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static void AssertOn(JsonElement mark, float x, float y, string what)
    {
        Assert.That(mark.GetProperty("x").GetDouble(), Is.EqualTo(x).Within(0.5), what);
        Assert.That(mark.GetProperty("y").GetDouble(), Is.EqualTo(y).Within(0.5), what);
    }
}
