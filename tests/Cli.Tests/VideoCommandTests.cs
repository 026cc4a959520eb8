using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// The video input from the command line: a shipped run placed into the monitor-layout test video (`synth --video`),
/// replayed through `replay --video --roi auto`, and the user errors.
/// </summary>
[TestFixture]
public sealed class VideoCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);
    static string Run => Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"); // 10 frames at 2 fps, 512 px

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-video-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task ARunShownInTheLayoutVideoIsFoundFrameByFrameThroughReplayVideo()
    {
        string video = Path.Combine(work, "layout.mp4");
        var synth = await CliProcess.RunAsync(work, Limit, "synth", "--video", video, "--runs", Run, "--gap", "0.5");
        Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
        Assert.That(synth.StdOut, Does.Contain("1 runs, 10 DSA frames").And.Contain("image area (--roi) 420,180,512,512"));

        string record = Path.Combine(work, "record");
        var replay = await CliProcess.RunAsync(work, Limit, "replay", "--video", video, "--roi", "auto", "--speed", "max", "--model", TinyCheckpoint.Path,
            "--device", "cpu", "--threads", "1", "--snapshots", Path.Combine(work, "shots"), "--snapshot-every", "100", "--record", record, "--audit", Path.Combine(work, "audit"));
        Assert.That(replay.ExitCode, Is.Zero, replay.ToString());

        Match found = Regex.Match(replay.StdOut, @"--roi auto found the image area (\d+),(\d+),(\d+),(\d+)");
        Assert.That(found.Success, Is.True, replay.ToString());
        int[] roi = Enumerable.Range(1, 4).Select(i => int.Parse(found.Groups[i].Value)).ToArray();
        Assert.That(new[] { roi[0] - 420, roi[1] - 180, roi[0] + roi[2] - 932, roi[1] + roi[3] - 692 }, Is.All.InRange(-4, 4), found.Value);

        string[] frames = File.ReadAllLines(Path.Combine(record, "detections.jsonl")).Where(l => l.Contains("\"type\":\"frame\"")).ToArray();
        Assert.That(frames, Has.Length.EqualTo(10), "one frame per DSA frame of the run");
        Assert.That(frames.Select(l => Regex.Match(l, "\"frame\":(\\d+)").Groups[1].Value), Is.EqualTo(Enumerable.Range(0, 10).Select(i => i.ToString())));
        Assert.That(frames, Is.All.Contain("\"run\":0"), "one run");
        Assert.That(replay.StdOut, Does.Match(@"latency: end-to-end p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms over \d+ results"));
    }

    [TestCase("replay", "--video", "absent.mp4")]
    [TestCase("replay", "--video", "x.mp4", "--roi", "1,2,3")]
    [TestCase("replay", "x.dcm", "--roi", "auto")]
    [TestCase("live")]
    [TestCase("live", "--video", "-f v4l2 /dev/video0")]
    [TestCase("live", "--watch", "folder", "--video", "-i x.mp4")]
    public async Task UserErrorsAreOneLineAndExitTwo(params string[] args)
    {
        File.WriteAllText(Path.Combine(work, "x.mp4"), "not a video");
        File.WriteAllText(Path.Combine(work, "x.dcm"), "not dicom");
        var result = await CliProcess.RunAsync(work, Limit, [.. args, "--model", TinyCheckpoint.Path]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StdErr, Does.StartWith("occlunet: "));
    }
}
