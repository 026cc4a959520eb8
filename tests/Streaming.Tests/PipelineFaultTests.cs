using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>Each fault of the issue, injected into a run with the real tiny detector; the run always goes on.</summary>
public sealed class PipelineFaultTests
{
    [Test]
    public async Task RunAsync_CorruptFrames_AreLoggedAndTheRunContinues()
    {
        var run = TestRuns.Run(10);
        var broken = run[5] with { Pixels = new ushort[17] };
        var steps = new List<SourceStep>();
        steps.AddRange(run.Take(4).Select(f => new Deliver(f)));
        steps.Add(new ReportFault(4, "pixel data truncated"));
        steps.Add(new Deliver(broken));
        steps.AddRange(run.Skip(6).Select(f => new Deliver(f)));
        using var detector = TinyDetector.Create();
        var good = run.Where(f => f.Index is not (4 or 5)).ToList();
        var expected = OfflineReference.Detect(detector, TinyDetector.Preparer(), good, 1);

        var (summary, sink, display) = await Harness.RunAsync(new ScriptedSource(steps), detector, PipelineOptions.Lossless);

        var corrupt = sink.Faults.Where(f => f.Kind == FaultKind.CorruptFrame).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(corrupt.Select(f => f.FrameIndex), Is.EqualTo(new int?[] { 4, 5 }));
            Assert.That(corrupt[0].Message, Does.Contain("frame 4").And.Contain("pixel data truncated"));
            Assert.That(corrupt[1].Message, Does.Contain("17 pixels for a 96 x 80 image"));
            Assert.That(display.Frames.Select(f => f.Frame.Index), Is.EqualTo(good.Select(f => f.Index)), "bad frames are never shown");
            Assert.That(summary.FramesReceived, Is.EqualTo(8));
            Assert.That(summary.Faults, Is.EqualTo(2));
        });
        Harness.AssertSameDetections(sink.Results.Select(r => r.Detections), expected);
    }

    [Test]
    public async Task RunAsync_SourceStalls_StatusSaysWaitingForFramesThenRecovers()
    {
        var run = TestRuns.Run(6);
        var steps = run.Take(3).Select(f => (SourceStep)new Deliver(f))
            .Append(new Pause(TimeSpan.FromMilliseconds(800)))
            .Concat(run.Skip(3).Select(f => new Deliver(f)));
        var options = PipelineOptions.Lossless with { StallTimeout = TimeSpan.FromMilliseconds(200), StatusCheckInterval = TimeSpan.FromMilliseconds(20) };
        using var detector = TinyDetector.Create();

        var (_, sink, display) = await Harness.RunAsync(new ScriptedSource(steps), detector, options);

        var sources = sink.Statuses.Select(s => s.Source).ToList();
        int waiting = sources.IndexOf(SourceState.WaitingForFrames, sources.IndexOf(SourceState.Receiving));
        Assert.Multiple(() =>
        {
            Assert.That(waiting, Is.GreaterThan(0), "a stall after frames turns the status to waiting");
            Assert.That(sink.Statuses[waiting].Text, Is.EqualTo("waiting for frames"));
            Assert.That(sources.Skip(waiting), Does.Contain(SourceState.Receiving), "frames coming back end the wait");
            Assert.That(sources[^1], Is.EqualTo(SourceState.Ended));
            Assert.That(display.Statuses.Select(s => s.Text), Does.Contain("waiting for frames"), "the display is told too");
            Assert.That(sink.Results, Has.Count.EqualTo(6));
        });
    }

    [TestCase(3, 0, 2)]   // the third Detect call (frame 2's window) throws
    [TestCase(0, 4, 2)]   // encoding frame 3 throws: frame 2's window cannot run
    public async Task RunAsync_InferenceThrows_AiUnavailableThenRetriedWithLiveImageUnaffected(int failingDetect, int failingEncode, int lostFrame)
    {
        var run = TestRuns.Run(10);
        using var inner = TinyDetector.Create();
        var expected = OfflineReference.Detect(inner, TinyDetector.Preparer(), run, 1).Where(f => f.FrameIndex != lostFrame);
        var detector = new FaultyDetector(inner)
        {
            FailingDetectCalls = new HashSet<int> { failingDetect },
            FailingEncodeCalls = new HashSet<int> { failingEncode },
        };

        var (summary, sink, display) = await Harness.RunAsync(ScriptedSource.Of(run), detector, PipelineOptions.Lossless);

        var ai = sink.Statuses.Select(s => s.Ai).ToList();
        int unavailable = ai.IndexOf(AiState.Unavailable);
        Assert.Multiple(() =>
        {
            Assert.That(unavailable, Is.GreaterThanOrEqualTo(0), "the failure shows as AI unavailable");
            Assert.That(sink.Statuses[unavailable].Text, Does.StartWith("AI unavailable").And.Contain("injected"));
            Assert.That(ai.Skip(unavailable), Does.Contain(AiState.Running), "the next window succeeds");
            Assert.That(sink.Faults.Single().Kind, Is.EqualTo(FaultKind.Inference));
            Assert.That(summary.InferenceFailures, Is.EqualTo(1));
            Assert.That(display.Frames, Has.Count.EqualTo(10), "every frame is shown");
        });
        // The retry rebuilds the window from the kept inputs: every other result is exactly the offline one.
        Harness.AssertSameDetections(sink.Results.Select(r => r.Detections), expected);
    }

    [Test]
    public async Task RunAsync_SlowInference_ResultsCarryTheirAgeAndGoStale()
    {
        var run = TestRuns.Run(10);
        using var inner = TinyDetector.Create();
        var display = new RecordingDisplay();
        // The model's first window is held until the display has shown all 10 frames: if a frame's hand-off waited for
        // the model, the display would stop at the first frames and the hold would time out.
        var detector = new FaultyDetector(inner) { DetectDelay = TimeSpan.FromMilliseconds(250), HoldFirstDetectUntil = display.FramesShown(10) };
        var options = PipelineOptions.Live with { StaleAfter = TimeSpan.FromMilliseconds(100), StatusCheckInterval = TimeSpan.FromMilliseconds(20) };

        var (_, sink, _) = await Harness.RunAsync(ScriptedSource.Of(run, TimeSpan.FromMilliseconds(30)), detector, options, display);

        var results = sink.Of<ResultReady>().ToList();
        var lastShown = display.Frames.Max(f => f.At);
        Assert.Multiple(() =>
        {
            Assert.That(sink.Statuses.Select(s => s.Ai), Does.Contain(AiState.Stale));
            Assert.That(sink.Statuses.First(s => s.Ai == AiState.Stale).Text, Does.StartWith("AI stale"));
            Assert.That(results.Max(r => r.Result.AgeAt(r.DisplayHandOff)), Is.GreaterThan(options.StaleAfter), "results carry their age");
            Assert.That(results.Select(r => r.Evidence), Is.All.GreaterThan(TimeSpan.FromMilliseconds(250)), "each result waited for the slow model");
            Assert.That(lastShown, Is.LessThan(results[^1].DisplayHandOff), "the live image ran ahead of the model");
            Assert.That(detector.FirstDetectReleased, Is.True, "every frame was shown while the model still held its first window: hand-off never waits for the model");
            Assert.That(display.Frames, Has.Count.EqualTo(10));
        });
    }

    [Test]
    public async Task RunAsync_NewSeries_ResetsWindowTrajectoryAndDisplay()
    {
        var first = TestRuns.Run(6, TestRuns.Series("1.2.3.4.1"), seed: 1);
        var second = TestRuns.Run(5, TestRuns.Series("1.2.3.4.2"), seed: 2);
        using var inner = TinyDetector.Create();
        var expectedSecond = OfflineReference.Detect(inner, TinyDetector.Preparer(), second, 1);
        var detector = new FaultyDetector(inner);

        var (summary, sink, display) = await Harness.RunAsync(ScriptedSource.Of(first.Concat(second)), detector, PipelineOptions.Lossless);

        var secondResults = sink.Results.Where(r => r.Frame.RunNumber == 1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Runs, Is.EqualTo(2));
            Assert.That(sink.Of<RunStarted>().Select(r => r.Series.SeriesInstanceUid), Is.EqualTo(new[] { "1.2.3.4.1", "1.2.3.4.2" }));
            Assert.That(sink.Results.Where(r => r.Frame.RunNumber == 0).Select(r => r.FrameIndex), Is.EqualTo(Enumerable.Range(0, 6)), "the first run's last window is detected before the reset");
            Assert.That(display.Results.Select(r => r.Result), Does.Contain(null), "the AI panel is cleared at the new run");
            Assert.That(detector.ResetCalls, Is.EqualTo(3), "the detector cache is emptied at each run start and at the end");
            Assert.That(secondResults[^1].Best?.ToString(), Is.EqualTo(OfflineReference.Best(expectedSecond, second[0].Series)?.ToString()));
            Assert.That(secondResults.All(r => r.Best is null || r.Best.FirstFrame >= 0 && r.Best.Points.All(p => p.FrameIndex <= r.FrameIndex)));
        });
        Harness.AssertSameDetections(secondResults.Select(r => r.Detections), expectedSecond);
    }

    [Test]
    public async Task RunAsync_SameSeriesReplayedAgain_IsANewRunWithIdenticalResults()
    {
        var run = TestRuns.Run(5);
        using var detector = TinyDetector.Create();

        var (summary, sink, _) = await Harness.RunAsync(ScriptedSource.Of(run.Concat(run)), detector, PipelineOptions.Lossless);

        Assert.That(summary.Runs, Is.EqualTo(2), "a frame index going back starts a new run (a loop)");
        Harness.AssertSameDetections(sink.Results.Where(r => r.Frame.RunNumber == 1).Select(r => r.Detections),
            sink.Results.Where(r => r.Frame.RunNumber == 0).Select(r => r.Detections));
    }

    [Test]
    public async Task RunAsync_Cancelled_ShutsDownCleanlyWithEverythingFlushed()
    {
        var run = TestRuns.Run(400);
        var source = ScriptedSource.Of(run, TimeSpan.FromMilliseconds(10));
        using var detector = TinyDetector.Create();
        using var cancel = new CancellationTokenSource();
        var display = new RecordingDisplay();
        var cancelled = display.FramesShown(5).ContinueWith(_ => cancel.Cancel(), TaskScheduler.Default); // mid-run, by a signal

        var (summary, sink, _) = await Harness.RunAsync(source, detector, PipelineOptions.Live, display, cancel.Token);
        await cancelled;

        Assert.Multiple(() =>
        {
            Assert.That(summary.Cancelled, Is.True);
            Assert.That(summary.FramesReceived, Is.InRange(5, 399), "shutdown does not wait for the rest of the run");
            Assert.That(sink.Completions, Is.EqualTo(1), "sinks are closed exactly once");
            Assert.That(sink.Summary, Is.EqualTo(summary));
            Assert.That(sink.Of<FrameReceived>().Count(), Is.EqualTo(summary.FramesReceived), "every received frame reached the sinks");
            Assert.That(display.Frames, Has.Count.EqualTo(summary.FramesReceived));
            Assert.That(sink.Statuses[^1].Source, Is.EqualTo(SourceState.Ended));
        });
    }

    [Test]
    public async Task RunAsync_DisplayAndSinkThrow_FaultsAreLoggedAndTheOthersGoOn()
    {
        var run = TestRuns.Run(5);
        using var detector = TinyDetector.Create();
        var sink = new CollectingSink();
        var pipeline = StreamingPipeline.Compose(ScriptedSource.Of(run), TinyDetector.Preparer(), detector, PipelineOptions.Lossless,
            new ThrowingDisplay(), [new ThrowingSink(), sink]);

        var summary = await pipeline.RunAsync().WaitAsync(Harness.Limit);

        Assert.Multiple(() =>
        {
            Assert.That(sink.Faults.Count(f => f.Message.Contains("ThrowingSink")), Is.EqualTo(1), "a failing sink is reported once and switched off");
            Assert.That(sink.Faults.Count(f => f.Message.Contains("display failed to show frame")), Is.EqualTo(5));
            Assert.That(sink.Results, Has.Count.EqualTo(5), "results still flow");
            Assert.That(summary.FramesReceived, Is.EqualTo(5));
        });
    }

    sealed class ThrowingDisplay : IDisplaySink
    {
        public void ShowFrame(LiveFrame frame) => throw new InvalidOperationException("no window");
        public void ShowResult(LiveResult? result) { }
        public void ShowStatus(PipelineStatus status) { }
    }

    sealed class ThrowingSink : IPipelineSink
    {
        public void Handle(PipelineEvent pipelineEvent) => throw new IOException("disk full");
        public void Complete(PipelineSummary summary) { }
    }
}
