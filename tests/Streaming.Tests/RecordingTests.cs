using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Recording;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

public sealed class RecordingTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("occlunet-record-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Record_TwoRuns_WritesEachRunAsDicomThatReplaysBitIdenticallyToTheSameDetections()
    {
        var first = TestRuns.Run(6, TestRuns.Series("1.2.3.4.1"), seed: 1);
        var second = TestRuns.Run(4, TestRuns.Series("1.2.3.4.2"), seed: 2);
        using var detector = TinyDetector.Create();
        string recording = Path.Combine(directory, "rec");

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
    public async Task Record_KeepsTheCArmsAnglesTheViewAndTheRealFrameTimes()
    {
        var run = TestRuns.Run(5);
        double[] times = [0, 500, 1000, 1750, 2500]; // 2 fps, then 1.33 fps: a Frame Time Vector, not one frame time
        string dicom = Path.Combine(directory, "lateral.dcm");
        XaMultiFrameWriter.Write(dicom, new XaRunToWrite
        {
            StudyInstanceUid = "1.2.3.9", SeriesInstanceUid = "1.2.3.9.1", SopInstanceUid = "1.2.3.9.1.1",
            Rows = TestRuns.Height, Columns = TestRuns.Width, Frames = run.Select(f => f.Pixels).ToArray(), FrameTimesMs = times,
            PositionerPrimaryAngleDeg = 88.5, PositionerSecondaryAngleDeg = -3.2, ViewPosition = "LL",
        });
        using var detector = TinyDetector.Create();
        string recording = Path.Combine(directory, "rec");

        await Harness.RunAsync(new DicomReplaySource(dicom, new ReplayOptions { Speed = null }), detector, PipelineOptions.Lossless, default, new RunRecorder(recording));

        var original = DicomRun.Open(dicom);
        var recorded = DicomRun.Open(Path.Combine(recording, RecordingFiles.Run(0)));
        Assert.Multiple(() =>
        {
            Assert.That(recorded.Series.Positioner, Is.EqualTo(new Positioner(88.5, -3.2, "LL")));
            Assert.That(recorded.Series.View, Is.EqualTo(original.Series.View).And.EqualTo("LAT"));
            Assert.That(Enumerable.Range(0, 5).Select(i => recorded.ReadFrame(i).Time.TotalMilliseconds), Is.EqualTo(times).Within(1e-6));
        });
    }

    [Test]
    public void Record_KilledMidRun_RepairWritesTheFramesThatArrived()
    {
        var run = TestRuns.Run(5);
        string recording = Path.Combine(directory, "rec");
        var recorder = new RunRecorder(recording);
        recorder.Handle(new RunStarted(0, run[0].Series, PipelineClock.Now));
        foreach (var frame in run.Take(3)) recorder.Handle(new FrameReceived(new LiveFrame(frame, 0, PipelineClock.Now), PipelineClock.Now));
        // Killed here: no run end, no Complete. The journal was handed to the OS after each frame.
        Assert.That(File.Exists(Path.Combine(recording, RecordingFiles.Run(0))), Is.False, "the run's file is written only at its end");

        var said = RunRecorder.Repair(recording);

        var repaired = DicomRun.Open(Path.Combine(recording, RecordingFiles.Run(0)));
        Assert.Multiple(() =>
        {
            Assert.That(said.Single(), Does.Contain("run-000.dcm written, 3 frame(s) (frames 0-2)"));
            Assert.That(repaired.Pixels.FrameCount, Is.EqualTo(3));
            for (int i = 0; i < 3; i++)
            {
                Assert.That(repaired.ReadFrame(i).Pixels, Is.EqualTo(run[i].Pixels), $"stored values of frame {i}");
                Assert.That(repaired.ReadFrame(i).Time - repaired.ReadFrame(0).Time, Is.EqualTo(run[i].Time - run[0].Time).Within(TimeSpan.FromMilliseconds(0.01)));
            }
            Assert.That((repaired.Series.SeriesInstanceUid, repaired.Series.StudyInstanceUid), Is.EqualTo((run[0].Series.SeriesInstanceUid, run[0].Series.StudyInstanceUid)));
            Assert.That(Directory.GetFiles(recording, "*.journal"), Is.Empty, "the journal is gone once its run is written");
            Assert.That(RunRecorder.Repair(recording), Is.Empty, "a second repair has nothing to do");
        });
        recorder.Dispose();
    }

    [Test]
    public void Record_AJournalCutInAFrame_RepairKeepsTheWholeFramesOnly()
    {
        var run = TestRuns.Run(3);
        string recording = Path.Combine(directory, "rec");
        var recorder = new RunRecorder(recording);
        recorder.Handle(new RunStarted(0, run[0].Series, PipelineClock.Now));
        foreach (var frame in run) recorder.Handle(new FrameReceived(new LiveFrame(frame, 0, PipelineClock.Now), PipelineClock.Now));
        recorder.Dispose();
        string journal = Directory.GetFiles(recording, "*.journal").Single();
        using (var stream = new FileStream(journal, FileMode.Open)) stream.SetLength(stream.Length - 100); // killed inside frame 2

        Assert.That(RunRecorder.Repair(recording).Single(), Does.Contain("2 frame(s) (frames 0-1)"));
        Assert.That(DicomRun.Open(Path.Combine(recording, RecordingFiles.Run(0))).Pixels.FrameCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Record_ARunThatEnded_LeavesNoJournal()
    {
        using var detector = TinyDetector.Create();
        string recording = Path.Combine(directory, "rec");
        await Harness.RunAsync(ScriptedSource.Of(TestRuns.Run(4)), detector, PipelineOptions.Lossless, default, new RunRecorder(recording));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(recording, RecordingFiles.Run(0))), Is.True);
            Assert.That(Directory.GetFiles(recording, "*.journal"), Is.Empty);
        });
    }

    [Test]
    public void Record_EachLine_IsOnDiskBeforeTheRunEnds()
    {
        var frame = TestRuns.Run(1)[0];
        string recording = Path.Combine(directory, "rec");
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
        string recording = Path.Combine(directory, "rec");
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
