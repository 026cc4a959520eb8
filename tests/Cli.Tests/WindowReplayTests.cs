using System.Text.RegularExpressions;
using OccluNet.Live.Overlay.Tests;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet replay` in a GLFW window (a private Xvfb), driven by real key presses (XTEST): space holds the frames
/// back, → hands exactly one over, Q ends the replay early. Skipped without Xvfb or libXtst.
/// </summary>
[TestFixture]
public sealed class WindowReplayTests
{
    [Test]
    public async Task KeysInTheWindowPauseStepAndQuitTheReplay()
    {
        using var display = XvfbDisplay.StartOrAssume();
        using var keyboard = XTestKeyboard.OpenOrAssume(display.Name);
        string work = Directory.CreateTempSubdirectory("cli-window-").FullName;
        try
        {
            var keys = Task.CompletedTask;
            // 0.5x: ph501's frames are 1 s apart; unpaused, the 3 s below would bring 3-4 of them.
            var result = await CliProcess.RunAsync(work, TimeSpan.FromSeconds(90), display.Name, (line, _) =>
            {
                if (line.StartsWith("keys:", StringComparison.Ordinal)) keys = Task.Run(() => Press(keyboard));
            }, "replay", Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"), "--speed", "0.5", "--model", TinyCheckpoint.Path,
                "--device", "cpu", "--threads", "1", "--audit", Path.Combine(work, "audit"));
            await keys;
            TestContext.Out.WriteLine(result.StdOut);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain("view: GLFW window"));
            int received = int.Parse(Regex.Match(result.StdOut, @"summary: (\d+) frames received").Groups[1].Value);
            // Frame 0 at once, paused before frame 1 was due (1 s), then two steps; Q before the end.
            Assert.That(received, Is.InRange(3, 4), result.ToString());
            Assert.That(result.StdOut, Does.Not.Contain("cancelled"), "Q ends the source, the pipeline finishes normally");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static void Press(XTestKeyboard keyboard)
    {
        Thread.Sleep(300); // the window maps
        keyboard.MovePointer(200, 200); // focus follows the pointer without a window manager
        keyboard.Press(XTestKeyboard.Space);
        Thread.Sleep(3000);
        keyboard.Press(XTestKeyboard.Right);
        Thread.Sleep(300);
        keyboard.Press(XTestKeyboard.Right);
        Thread.Sleep(1000);
        keyboard.Press(XTestKeyboard.Q);
    }
}
