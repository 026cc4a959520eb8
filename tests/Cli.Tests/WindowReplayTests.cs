using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OccluNet.Live.Overlay.Tests;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet replay` in a GLFW window (a private Xvfb), driven by real key presses (XTEST): space holds the frames
/// back, → hands exactly one over, Q ends the replay early; each key is pressed after the replay's "playback:" line
/// confirming the previous one. Skipped without Xvfb or libXtst (a missing display).
/// </summary>
[TestFixture]
public sealed class WindowReplayTests
{
    static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Test]
    public async Task KeysInTheWindowPauseStepAndQuitTheReplay()
    {
        using var display = XvfbDisplay.StartOrAssume();
        using var keyboard = XTestKeyboard.OpenOrAssume(display.Name);
        string work = Directory.CreateTempSubdirectory("cli-window-").FullName;
        try
        {
            // Every key waits for the replay's own "playback:" line saying what the last one did: no timing.
            using var lines = new BlockingCollection<string>();
            var keys = Task.CompletedTask;
            int pausedAfter = -1;
            var result = await CliProcess.RunAsync(work, TimeSpan.FromSeconds(120), display.Name, (line, _) =>
            {
                lines.Add(line);
                if (line.StartsWith("keys:", StringComparison.Ordinal)) keys = Task.Run(() => pausedAfter = PauseStepStepQuit(keyboard, lines));
            }, "replay", Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"), "--speed", "0.25", "--model", TinyCheckpoint.Path,
                "--device", "cpu", "--threads", "1", "--audit", Path.Combine(work, "audit"));
            await keys;
            TestContext.Out.WriteLine(result.StdOut);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain("view: GLFW window"));
            int received = int.Parse(Regex.Match(result.StdOut, @"summary: (\d+) frames received").Groups[1].Value);
            Assert.Multiple(() =>
            {
                // ph501 has 10 frames, 2 s apart at 0.25x: paused after frame p, two steps, Q before the end.
                Assert.That(pausedAfter, Is.InRange(0, 6), "paused before the run's end");
                Assert.That(received, Is.EqualTo(pausedAfter + 3), "frames 0..p, then exactly one per step, none while paused: " + result);
                Assert.That(result.StdOut, Does.Not.Contain("cancelled"), "Q ends the source, the pipeline finishes normally");
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Space, → twice, Q, each after the line confirming the one before; returns the frame the pause came after.</summary>
    static int PauseStepStepQuit(XTestKeyboard keyboard, BlockingCollection<string> lines)
    {
        keyboard.MovePointer(200, 200); // focus follows the pointer without a window manager; GLFW maps the window before "keys:"
        WaitFor(lines, @"^playback: frame 0, 0\.25x$", "frame 0, playing"); // the playback clock runs: pause must stop it
        keyboard.Press(XTestKeyboard.Space);
        int paused = int.Parse(WaitFor(lines, @"^playback: frame (\d+), 0\.25x paused$", "the pause").Groups[1].Value);
        for (int step = 1; step <= 2; step++)
        {
            keyboard.Press(XTestKeyboard.Right);
            WaitFor(lines, $@"^playback: frame {paused + step}, 0\.25x paused$", $"step {step}");
        }
        keyboard.Press(XTestKeyboard.Q);
        return paused;
    }

    static Match WaitFor(BlockingCollection<string> lines, string pattern, string what)
    {
        using var timeout = new CancellationTokenSource(Step);
        try
        {
            while (true)
                if (Regex.Match(lines.Take(timeout.Token), pattern) is { Success: true } match) return match;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no line for {what} ('{pattern}') within {Step.TotalSeconds} s");
        }
    }
}
