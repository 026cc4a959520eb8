using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Recording;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

public sealed class RecordingTests
{
    string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("occlunet-record-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Record_TwoRuns_WritesEachRunAsDicomThatReplaysBitIdenticallyToTheSameDetections()
    {
        var first = TestRuns.Run(6, TestRuns.Series("1.2.3.4.1"), seed: 1);
        var second = TestRuns.Run(4, TestRuns.Series("1.2.3.4.2"), seed: 2);
        using var detector = TinyDetector.Create();
        string recording = Path.Combine(_directory, "rec");

        await Harness.RunAsync(ScriptedSource.Of(first.Concat(second)), detector, PipelineOptions.Lossless, default, new RunRecorder(recording));

        var recorded = RunRecorder.ReadResults(recording);
        var replayedRun = DicomRun.Open(Path.Combine(recording, RecordingFiles.Run(0)));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(recording, RecordingFiles.Run(1))), Is.True);
            Assert.That(replayedRun.Pixels.FrameCount, Is.EqualTo(6));
            for (int i = 0; i < 6; i++)
                Assert.That(replayedRun.ReadFrame(i).Pixels, Is.EqualTo(first[i].Pixels), $"stored values of frame {i}");
            Assert.That(replayedRun.ReadFrame(5).Time, Is.EqualTo(first[5].Time), "frame timing survives");
            Assert.That(replayedRun.Series.SeriesInstanceUid, Is.EqualTo("1.2.3.4.1"));
            Assert.That(recorded.Select(r => (r.Run, r.Frame)), Has.Exactly(10).Items);
        });

        var (_, replay, _) = await Harness.RunAsync(new DicomReplaySource(Path.Combine(recording, RecordingFiles.Run(0)), new ReplayOptions { Speed = null }), detector, PipelineOptions.Lossless);
        Harness.AssertSameDetections(
            replay.Results.Select(r => r.Detections),
            recorded.Where(r => r.Run == 0).Select(r => new Domain.FrameDetections(r.Frame, r.Detections.Select(d => d.ToDetection()).ToArray())));
    }

    [Test]
    public void Record_EachLine_IsOnDiskBeforeTheRunEnds()
    {
        var frame = TestRuns.Run(1)[0];
        string recording = Path.Combine(_directory, "rec");
        var recorder = new RunRecorder(recording);
        var live = new LiveFrame(frame, 0, PipelineClock.Now);

        recorder.Handle(new RunStarted(0, frame.Series, live.Arrival));
        recorder.Handle(new FrameReceived(live, PipelineClock.Now));
        string[] lines = ReadShared(Path.Combine(recording, RecordingFiles.Detections));
        recorder.Complete(new PipelineSummary(1, 0, 0, 0, 0, 0, 0, 1, false, TimeSpan.Zero));

        Assert.That(lines, Has.Length.EqualTo(2), "run and frame lines are flushed as they are written");
        Assert.That(lines[1], Does.Contain("\"type\":\"frame\"").And.Contain("\"frame\":0"));
        Assert.That(File.Exists(Path.Combine(recording, RecordingFiles.Run(0))), Is.True, "closing writes the open run");
    }

    [Test]
    public void Record_IntoAnExistingRecording_IsRefusedNamingTheFolder()
    {
        string recording = Path.Combine(_directory, "rec");
        new RunRecorder(recording).Complete(new PipelineSummary(0, 0, 0, 0, 0, 0, 0, 0, false, TimeSpan.Zero));

        var e = Assert.Throws<OccluNet.Live.Domain.OutputFolderException>(() => new RunRecorder(recording));
        Assert.That(e!.Message, Does.Contain(recording).And.Contain("already holds a recording"));
    }

    static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
