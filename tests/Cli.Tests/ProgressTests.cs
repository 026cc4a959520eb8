using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Issue 22: every long command family shows its progress on stderr: a Spectre bar with the total under a terminal,
/// one plain line per report when stderr is redirected (the period set to 0 s, so nothing depends on timing), nothing
/// with --quiet; never in stdout's results nor in the JSON files. Each command runs twice, in parallel, in its own folder.
/// </summary>
[TestFixture]
public sealed class ProgressTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    static readonly Dictionary<string, string> LineForEveryReport = new() { ["OCCLUNET_PROGRESS_SECONDS"] = "0" };

    string work = "";

    [SetUp]
    public void CreateFolders()
    {
        work = Directory.CreateTempSubdirectory("cli-progress-").FullName;
        foreach (var way in new[] { "terminal", "redirected" }) Directory.CreateDirectory(Path.Combine(work, way));
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(work, recursive: true);

    string Terminal(string file) => Path.Combine(work, "terminal", file);
    string Redirected(string file) => Path.Combine(work, "redirected", file);

    [Test]
    public async Task SynthShowsRunsDoneOfTheCount()
    {
        var (screen, redirected) = await BothWays("synth", "--out", "runs", "--count", "3", "--frames", "3", "--size", "64");
        AssertBar(screen, "synth 3/3 runs");
        AssertLines(redirected, "synth", "runs", 3, expectStart: true);
        Assert.That(redirected.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3), "one result line per run on stdout");
        AssertNoProgressIn("runs", Terminal("runs/index.json"), Redirected("runs/index.json"));
    }

    [Test]
    public async Task DataSetCommandsShowTheirProgress()
    {
        var (screen, redirected) = await BothWays("synth", "--format", "coco", "--out", "coco", "--count", "3", "--frames", "3", "--size", "64");
        AssertBar(screen, "synth 3/3 runs");
        AssertLines(redirected, "synth", "runs", 3, expectStart: true);

        (screen, redirected) = await BothWays("dataset", "check", "coco");
        AssertBar(screen, "dataset check 9/9 images");
        AssertLines(redirected, "dataset check", "images", 9, expectStart: false);

        (screen, redirected) = await BothWays("dataset", "convert", "coco:coco/annotations/train.json", "back");
        AssertBar(screen, "dataset convert 3/3 runs");
        AssertLines(redirected, "dataset convert", "runs", 3, expectStart: true);
        AssertNoProgressIn("runs", Terminal("coco/annotations/train.json"), Redirected("coco/annotations/train.json"));

        (screen, redirected) = await BothWays("synth", "--video", "runs.mp4", "--runs", "back", "--gap", "0");
        AssertBar(screen, "synth --video 3/3 runs");
        AssertLines(redirected, "synth --video", "runs", 3, expectStart: true);
        AssertNoProgressIn("runs", Terminal("runs.layout.json"), Redirected("runs.layout.json"));
    }

    [Test]
    public async Task DrillShowsCasesJudgedOfTheDeck()
    {
        foreach (var way in new[] { "terminal", "redirected" }) File.WriteAllText(Path.Combine(work, way, "marks.csv"), "case,time_s,x,y\n");
        var (screen, redirected) = await BothWays("drill", "--deck", "phantom:7:3:64", "--frames", "5", "--fps", "3", "--marks", "marks.csv",
            "--headless", "--report", "report", "--threads", "1", "--device", "cpu");
        AssertBar(screen, "drill 3/3 cases");
        AssertLines(redirected, "drill", "cases", 3, expectStart: true);
        Assert.That(redirected.StdOut, Does.Contain("case ph7-").And.Not.Match(@"\d+/\d+ cases"), "the per-case lines are on stdout");
        AssertNoProgressIn("cases", Terminal("report/report.json"), Redirected("report/report.json"));
    }

    [Test]
    public async Task ExportShowsItsTwoSteps()
    {
        var (screen, redirected) = await BothWays("export", "--model", TinyCheckpoint.Path, "--out", "onnx");
        AssertBar(screen, "export 2/2 steps");
        AssertLines(redirected, "export", "steps", 2, expectStart: true);
        Assert.That(redirected.StdOut, Does.Contain("encoder.onnx").And.Not.Match(@"\d+/\d+ steps"));
    }

    [Test]
    public async Task QuietShowsNothingUnderATerminalNorRedirected()
    {
        string[] args = ["synth", "--out", "runs", "--count", "2", "--frames", "3", "--size", "64", "--quiet"];
        var terminal = TerminalProcess.RunAsync(Path.Combine(work, "terminal"), Limit, args);
        var redirected = CliProcess.RunAsync(Path.Combine(work, "redirected"), Limit, LineForEveryReport, args);
        var (exit, screen) = await terminal;
        var lines = await redirected;
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, screen);
            Assert.That(lines.ExitCode, Is.Zero, lines.ToString());
            Assert.That(screen, Does.Not.Contain("2/2 runs").And.Not.Contain("━"), "no bar");
            Assert.That(screen, Does.Contain("ph2-"), "the results still print");
            Assert.That(lines.StdErr, Is.Empty);
            Assert.That(File.Exists(Terminal("runs/index.json")) && File.Exists(Redirected("runs/index.json")), "the runs are written");
        });
    }

    [Test]
    public async Task EvalShowsRunsDoneOfAllWithFramesPerSecondPerModel()
    {
        int runs = Directory.GetFiles(RepoPaths.ReplayData, "*.dcm").Length;
        Assert.That(runs, Is.GreaterThan(1));
        var (screen, redirected) = await BothWays("eval", "--model", TinyCheckpoint.Path, "--compare", TinyCheckpoint.Path, "--data", RepoPaths.ReplayData, "--threads", "1", "--json", "eval.json");
        AssertBar(screen, $"eval {runs}/{runs} runs");
        var lines = AssertLines(redirected, "eval", "runs", runs, expectStart: true);
        Assert.That(lines[^1], Does.Match(@"\| ph\d+-(ap|lat) \| \S+ [\d.]+ frames/s, \S+ [\d.]+ frames/s$"), "the last run and both models' speed");
        Assert.That(redirected.StdOut, Does.Contain("McNemar"), "the results are on stdout");
        AssertNoProgressIn("runs", Terminal("eval.json"), Redirected("eval.json"));
        Assert.That(File.ReadAllText(Redirected("eval.json")), Does.Not.Contain("frames/s"));
    }

    [Test]
    public async Task CalibrateShowsRunsDoneOfAll()
    {
        int runs = Directory.GetFiles(RepoPaths.ReplayData, "*.dcm").Length;
        // The untrained tiny model finds no occlusion at any threshold: calibrate says so (exit 2) after the detection pass.
        var (screen, redirected) = await BothWays(2, "calibrate", "--model", TinyCheckpoint.Path, "--out", "calibrated.safetensors", "--data", RepoPaths.ReplayData, "--threads", "1");
        AssertBar(screen, $"calibrate {runs}/{runs} runs");
        AssertLines(redirected, "calibrate", "runs", runs, expectStart: true);
        Assert.That(redirected.StdOut, Does.Contain("threshold").And.Not.Match(@"\d+/\d+ runs"), "the sweep's table is on stdout");
        Assert.That(redirected.ErrorLines[^1], Does.EndWith("no threshold finds any occlusion on these runs; nothing written."));
    }

    [Test]
    public async Task BenchPhantomShowsCaseIOfN()
    {
        var (screen, redirected) = await BothWays("bench", "phantom", "--repeats", "1", "--quick", "--json", "bench.json");
        AssertBar(screen, "bench phantom 4/4 cases");
        var lines = AssertLines(redirected, "bench phantom", "cases", 4, expectStart: true);
        Assert.That(lines[1], Does.EndWith("| M1 run, 1 thread 256"), "the case being measured");
        Assert.That(redirected.StdOut, Does.Contain("x baseline").And.Not.Match(@"\d+/\d+ cases"));
        AssertNoProgressIn("cases", Terminal("bench.json"), Redirected("bench.json"));
    }

    [Test]
    public async Task BenchLatencyShowsFramesReplayedOfAll()
    {
        string run = Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm");
        var (screen, redirected) = await BothWays("bench", "latency", "--data", run, "--speed", "max", "--model", TinyCheckpoint.Path, "--threads", "1", "--json", "latency.json", "--png", "latency.png");
        AssertBar(screen, "bench latency 10/10 frames");
        AssertLines(redirected, "bench latency", "frames", 10, expectStart: false);
        Assert.That(redirected.StdOut, Does.Contain("end-to-end").And.Not.Match(@"\d+/\d+ frames"));
        AssertNoProgressIn("frames", Terminal("latency.json"), Redirected("latency.json"));
    }

    [Test]
    public async Task TrainShowsIterationsDoneOfTheSchedule()
    {
        var (screen, redirected) = await BothWays("train", "--variant", "occlunet1", "--out", "model", "--data", "1:2:64", "--val", "10:1:64", "--epochs", "1",
            "--iterations", "2", "--batch", "1", "--input-size", "64", "--pretrained", "none", "--threads", "1");
        AssertBar(screen, "train 2/2 iterations | epoch 1/1 iter 2/2 | loss");
        var lines = AssertLines(redirected, "train", "iterations", 2, expectStart: false);
        Assert.That(lines[^1], Does.Contain("| epoch 1/1 iter 2/2 | loss "));
        Assert.That(redirected.StdOut, Does.Contain("epoch 1/1 done").And.Not.Match(@"\d+/\d+ iterations"), "the trainer's own lines stay on stdout");
        AssertNoProgressIn("iterations", Terminal("model/state.json"), Redirected("model/state.json"));
    }

    Task<(string Screen, CliResult Redirected)> BothWays(params string[] args) => BothWays(0, args);

    /// <summary>The command under a terminal and with stderr redirected (a line per report), both in parallel; both must end with <paramref name="exitCode"/>.</summary>

    async Task<(string Screen, CliResult Redirected)> BothWays(int exitCode, params string[] args)
    {
        var terminal = TerminalProcess.RunAsync(Path.Combine(work, "terminal"), Limit, args);
        var redirected = CliProcess.RunAsync(Path.Combine(work, "redirected"), Limit, LineForEveryReport, args);
        var (exit, screen) = await terminal;
        var lines = await redirected;
        Assert.That(exit, Is.EqualTo(exitCode), screen);
        Assert.That(lines.ExitCode, Is.EqualTo(exitCode), lines.ToString());
        return (screen, lines);
    }

    /// <summary>The bar's final state: its description with the total, a full bar and 100 %.</summary>
    static void AssertBar(string screen, string description) =>
        Assert.That(screen, Does.Contain(description).And.Contain("━━━━").And.Contain("100%"), screen);

    /// <summary>One line per report on stderr, counting up to the total in order; returns them.</summary>
    static string[] AssertLines(CliResult result, string title, string unit, int total, bool expectStart)
    {
        var pattern = new Regex($@"^\[\d\d:\d\d:\d\d\] {Regex.Escape(title)}: (\d+)/(\d+) {unit} \(\d+ %\), elapsed \d\d:\d\d:\d\d");
        var lines = result.ErrorLines.Where(l => pattern.IsMatch(l)).ToArray();
        int first = expectStart ? 0 : 1;
        Assert.That(lines, Has.Length.EqualTo(total - first + 1), result.StdErr);
        for (int i = 0; i < lines.Length; i++)
        {
            var match = pattern.Match(lines[i]);
            Assert.That((match.Groups[1].Value, match.Groups[2].Value), Is.EqualTo(((first + i).ToString(), total.ToString())), lines[i]);
        }
        Assert.That(lines[^1], Does.Contain(", eta 00:00:00"), "the last line says the work is done");
        Assert.That(result.StdOut.Split('\n').Where(l => pattern.IsMatch(l)), Is.Empty, "no progress line on stdout");
        return lines;
    }

    static void AssertNoProgressIn(string unit, params string[] jsonFiles)
    {
        Assert.That(jsonFiles, Has.Length.EqualTo(2));
        foreach (var file in jsonFiles)
        {
            Assert.That(File.Exists(file), file);
            Assert.That(File.ReadAllText(file), Does.Not.Match($@"\d+/\d+ {unit}|elapsed|eta \d"), file);
        }
    }
}
