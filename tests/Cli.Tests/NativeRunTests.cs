using System.Globalization;
using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// A run stored native (unsubtracted frames after a mask frame, Mask Subtraction Sequence) is subtracted by the reader, so
/// a model finds its occlusion where it finds it in the same case stored subtracted. Before the reader subtracted, the
/// phantom-2 OccluNet1 found 1 of 29 occlusions in 40 native runs (docs/dicom.md "Native runs").
/// </summary>
[TestFixture]
public sealed partial class NativeRunTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [Test]
    public async Task ANativeRunShowsTheBoxTheSameCaseStoredSubtractedShows()
    {
        string work = Directory.CreateTempSubdirectory("cli-native-").FullName;
        try
        {
            var model = RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1.safetensors"));
            var boxes = new Dictionary<string, Dictionary<string, (double X, double Y, string Verdict, int Frames)>>();
            foreach (var storage in new[] { "native", "subtracted" })
            {
                var synth = await CliProcess.RunAsync(work, Limit, "synth", "--out", storage, "--count", "4", "--seed", "2003100", "--class", "m1",
                    "--size", "256", "--frames", "12", "--fps", "2", "--phantom", "2", "--storage", storage, "--quiet");
                Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
                var info = await CliProcess.RunAsync(work, Limit, "dicom", "info", Path.Combine(storage, "ph2003100-ap.dcm"));
                Assert.That(info.StdOut, Does.Contain(storage == "native" ? "subtraction:     native run, subtracted by the reader (AVG_SUB, mask frame(s) 1, LOG" : "subtraction:     none"), info.ToString());
                var replay = await CliProcess.RunAsync(work, Limit, "replay", storage, "--speed", "max", "--headless", "--quiet",
                    "--model", model, "--threads", "1");
                Assert.That(replay.ExitCode, Is.Zero, replay.ToString());
                boxes[storage] = ResultLine().Matches(replay.StdOut).ToDictionary(m => m.Groups["run"].Value, m => (
                    (Number(m, "x0") + Number(m, "x1")) / 2, (Number(m, "y0") + Number(m, "y1")) / 2, m.Groups["verdict"].Value, (int)Number(m, "frames")));
                Assert.That(boxes[storage], Has.Count.EqualTo(4), $"{storage}: a box on every run\n{replay.StdOut}");
            }
            foreach (var (run, native) in boxes["native"])
            {
                var subtracted = boxes["subtracted"][run];
                Assert.Multiple(() =>
                {
                    Assert.That(native.Verdict, Is.EqualTo("TruePositive"), run);
                    Assert.That(subtracted.Verdict, Is.EqualTo("TruePositive"), run);
                    Assert.That(Math.Abs(native.X - subtracted.X) + Math.Abs(native.Y - subtracted.Y), Is.LessThan(10), $"{run}: the same place");
                    Assert.That(native.Frames, Is.EqualTo(subtracted.Frames + 1), $"{run}: the mask frame is counted, so frame numbers are the file's");
                });
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static double Number(Match m, string group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^result (?<run>[^:]+)\.dcm: occlusion, box \((?<x0>[\d.]+),(?<y0>[\d.]+)\)-\((?<x1>[\d.]+),(?<y1>[\d.]+)\) px.*\((?<frames>\d+) frames\); verdict (?<verdict>\w+)$", RegexOptions.Multiline)]
    private static partial Regex ResultLine();
}
