using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Tests;
using OccluNet.Live.Streaming.Audit;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Recording;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>What `occlunet replay --speed max` does, end to end from files: checkpoint, DICOM run, recorder, audit, console.</summary>
public sealed class StreamingSessionTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("occlunet-session-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task RunAsync_ReplayAtMaxSpeedFromFiles_EqualsOfflineAndRecordsAuditsAndPrints()
    {
        string checkpoint = SaveTinyCheckpoint();
        var run = TestRuns.Run(8);
        string dicom = Path.Combine(directory, "run.dcm");
        XaMultiFrameWriter.Write(dicom, new XaRunToWrite
        {
            StudyInstanceUid = run[0].Series.StudyInstanceUid, SeriesInstanceUid = run[0].Series.SeriesInstanceUid, SopInstanceUid = "1.2.3.4.5",
            Rows = TestRuns.Height, Columns = TestRuns.Width, Frames = run.Select(f => f.Pixels).ToArray(), FrameTimesMs = run.Select(f => f.Time.TotalMilliseconds).ToArray(),
        });
        using LoadedModel model = Checkpoint.LoadForInference(checkpoint, EngineChoice.TorchCpu);
        var expected = OfflineReference.Detect(model.Detector, new ModelInputPreparer(model.Preprocessor), run, 1);
        var console = new StringWriter();
        var sinks = new SessionSinks { Console = console, RecordDirectory = Path.Combine(directory, "rec"), AuditDirectory = Path.Combine(directory, "audit") };

        var source = new DicomReplaySource(dicom, new ReplayOptions { Speed = null });
        PipelineSummary summary = await StreamingSession.RunAsync(source, model, PipelineOptions.ForSpeed(null), sinks, default).WaitAsync(Harness.Limit);

        var recorded = RunRecorder.ReadResults(sinks.RecordDirectory);
        string audit = Directory.GetFiles(sinks.AuditDirectory, "audit-*.jsonl").Single();
        Assert.Multiple(() =>
        {
            Assert.That(summary.WindowsDetected, Is.EqualTo(8));
            Assert.That(recorded.Select(r => r.Frame), Is.EqualTo(Enumerable.Range(0, 8)));
            Assert.That(AuditVerifier.Verify(audit).IsIntact, Is.True);
            Assert.That(File.ReadAllText(audit), Does.Contain(model.Detector.Info.WeightsSha256));
            Assert.That(console.ToString().Split('\n').Count(l => l.StartsWith("run 0 frame ", StringComparison.Ordinal)), Is.EqualTo(8), "one line per frame");
            Assert.That(console.ToString(), Does.Contain("run 0 ended at frame 7: "), "and one when the run's analysis ends");
            Assert.That(console.ToString(), Does.Contain("summary: 8 frames received"));
        });
        Harness.AssertSameDetections(recorded.Select(r => new Domain.FrameDetections(r.Frame, r.Detections.Select(d => d.ToDetection()).ToArray())), expected);
    }

    [Test]
    public void Load_NotACheckpoint_NamesTheFile()
    {
        string path = Path.Combine(directory, "noise.safetensors");
        File.WriteAllBytes(path, new byte[64]);

        var e = Assert.Catch(() => Checkpoint.LoadForInference(path, EngineChoice.TorchCpu));

        Assert.That(e!.Message, Does.Contain(path));
    }

    string SaveTinyCheckpoint()
    {
        var config = TinyDetector.Config();
        string path = Path.Combine(directory, "tiny.safetensors");
        using var model = TinyModels.Build(config);
        Checkpoint.Save(path, model, CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "test", "none"));
        return path;
    }
}
