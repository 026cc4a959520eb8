using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Pipeline;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>The Streaming pipeline driving the overlay through <see cref="OverlayDisplaySink"/>, rendered by the real loop (EGL).</summary>
public sealed class PipelineDisplayTests
{
    /// <summary>Runs the pipeline over <paramref name="frames"/>; the source waits until the overlay drew each one (a snapshot per frame).</summary>
    internal static (OverlayRenderLoop Loop, OverlayState State) Run(IFrameSource frames, KnownAnswerDetector detector, string snapshots, int imageSize = 128)
    {
        var state = new OverlayState();
        var (w, h) = OverlayLayout.SizeFor(imageSize, imageSize, 384.0 / imageSize);
        var loop = OverlayRenderLoop.Start(state, new OverlayLoopOptions { Headless = true, Width = w, Height = h, SnapshotDirectory = snapshots }, CancellationToken.None);
        var source = new PacedSource(frames, (index, ct) => loop.WaitForFrameDrawnAsync(index, ct));
        var sink = new OverlayDisplaySink(state, new OverlaySinkOptions(detector.Info, IsReplay: true));
        var options = PipelineOptions.Lossless with { StatusCheckInterval = TimeSpan.FromMilliseconds(20) };
        var pipeline = StreamingPipeline.Compose(source, new ModelInputPreparer(64), detector, options, sink, Array.Empty<IPipelineSink>());
        Assert.That(pipeline.RunAsync().Wait(TimeSpan.FromSeconds(60)), Is.True, "the pipeline finished");
        Assert.That(loop.WaitForPublishedDrawnAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(60)), Is.True, "the overlay drew what was published (the run's end too)");
        return (loop, state);
    }

    static (OverlayRenderLoop Loop, OverlayState State) Run(KnownAnswerDetector detector, string snapshots) =>
        Run(new ListSource(Enumerable.Range(0, 8).Select(i => CaptureFrames.Angiogram(i, occlusionVisible: i >= 4)).ToList()), detector, snapshots);

    [Test]
    public void Failed_inference_shows_ai_unavailable_while_every_live_frame_is_drawn()
    {
        string dir = PixelAssert.SnapshotFolder("pipeline-ai-unavailable");
        var (loop, state) = Run(KnownAnswerDetector.FromFrame4(fail: true), dir);
        using (loop)
        {
            var final = state.Read();
            Assert.That(final.Status.State, Is.EqualTo(AiState.Unavailable));
            Assert.That(final.Status.Detail, Does.Contain("inference failed on purpose"));
            Assert.That(final.Frame!.Index, Is.EqualTo(7));
            Assert.That(final.Result, Is.Null);
            Assert.That(loop.Snapshots.Select(Path.GetFileName), Is.EqualTo(Enumerable.Range(0, 8).Select(i => $"overlay-f{i:D6}.png").Append("overlay-f000007_run-end.png")),
                "the live panel was drawn for every frame although the AI failed, and the run's end after them");
            using var offscreen = OffscreenOverlay.ForImage(128, 128);
            var (view, image) = offscreen.Render(final, PipelineClock.Now);
            Assert.That(view.StatusText, Does.Contain("AI unavailable").And.Contain("known-answer@test on cpu"));
            PixelAssert.ShowsFrame(image, view.LiveImage!.Value, final.Frame);
        }
    }

    [Test]
    public void The_newest_detection_and_the_runs_finding_are_boxed_apart_in_the_ai_panel()
    {
        string dir = PixelAssert.SnapshotFolder("pipeline-box");
        var (loop, state) = Run(KnownAnswerDetector.FromFrame4(), dir);
        using (loop)
        {
            var final = state.Read();
            Assert.That(final.Result, Is.Not.Null);
            var detection = final.Result!.Detection;
            Assert.That(detection, Is.Not.Null, "the last frame has a detection");
            Assert.That(detection!.Box, Is.EqualTo(new Box(80, 52, 96, 68)), "the model box mapped to image pixels (letterbox x2)");
            Assert.That(detection.ClassName, Is.EqualTo("M1"));
            var finding = final.Finding;
            Assert.That(finding, Is.Not.Null, "a trajectory from frame 4 on");
            Assert.That((finding!.FirstFrame, finding.LastFrame, finding.RunEnded), Is.EqualTo((4, 7, true)), "the run's final finding, kept after the run");
            Assert.That(finding.Box.Box, Is.EqualTo(new Box(80, 52, 96, 68)));
            Assert.That(finding.Path, Is.Not.Empty);
            Assert.That(final.Status.EndToEndLatency, Is.Not.Null);
            using var offscreen = OffscreenOverlay.ForImage(128, 128);
            var (view, image) = offscreen.Render(final, final.Result.AgeFrom);
            var ai = view.AiImage!.Value;
            Assert.That(view.BoxOnScreen, Is.EqualTo((ai.X + 80f, ai.Y + 52f, ai.X + 96f, ai.Y + 68f)));
            Assert.That(view.FindingOnScreen, Is.EqualTo(view.BoxOnScreen));
            Assert.That(PixelAssert.IsBoxColour(image.At(ai.X + 79, ai.Y + 60)), Is.True, "the newest detection's amber ring");
            Assert.That(PixelAssert.IsFindingColour(image.At(ai.X + 76, ai.Y + 60)), Is.True, "the finding's red ring just outside it");
            Assert.That(view.FindingLabel, Does.StartWith("RUN FINDING  M1 90%  frames 4-7").And.EndWith("run ended"));
            Assert.That(PixelAssert.CountBoxColoured(image, view.Layout.LivePanel) + PixelAssert.CountFindingColoured(image, view.Layout.LivePanel), Is.Zero);
        }
    }

    [Test]
    public void Sink_translates_status_frames_and_results()
    {
        var state = new OverlayState();
        var info = KnownAnswerDetector.FromFrame4().Info;
        var sink = new OverlayDisplaySink(state, new OverlaySinkOptions(info, IsReplay: false, PathLength: 2));
        Assert.That(state.Read().Status.State, Is.EqualTo(AiState.Starting));

        var frames = Enumerable.Range(0, 4).Select(i => new LiveFrame(CaptureFrames.Angiogram(i, true), 0, TimeSpan.FromSeconds(10 + i * 0.25))).ToList();
        var shown = new List<OverlayFrame>();
        foreach (var f in frames)
        {
            sink.ShowFrame(f);
            shown.Add(state.Read().Frame!);
        }
        var read = state.Read();
        Assert.That(read.Frame!.Pixels, Is.SameAs(frames[3].Frame.Pixels), "no copy");
        Assert.That(read.Status.FramesPerSecond, Is.EqualTo(4.0).Within(1e-9));

        sink.ShowStatus(new PipelineStatus(SourceState.Receiving, AiState.Starting, 3, null, 0, null));
        Assert.That(state.Read().Status, Has.Property("State").EqualTo(AiState.Starting).And.Property("Detail").EqualTo("window filling"));

        var trajectory = Trajectory.StartAt(new TrajectoryPoint(1, 0, new Detection(new Box(10, 10, 20, 20), 0.5f, 1)))
            .Extend(new TrajectoryPoint(2, 0, new Detection(new Box(12, 10, 22, 20), 0.8f, 1)))
            .Extend(new TrajectoryPoint(3, 0, new Detection(new Box(14, 10, 24, 20), 0.6f, 1)));
        var timings = new ResultTimings(frames[2].Arrival, frames[3].Arrival, frames[3].Arrival, frames[3].Arrival,
            frames[3].Arrival + TimeSpan.FromMilliseconds(80), frames[3].Arrival + TimeSpan.FromMilliseconds(90));
        sink.ShowResult(new LiveResult(frames[2], 3, FrameDetections.Empty(2), trajectory, new Letterbox(128, 128, 64), timings, 5));
        sink.ShowStatus(new PipelineStatus(SourceState.Receiving, AiState.Running, 3, 2, 5, null));
        read = state.Read();
        Assert.That(read.Result!.FrameIndex, Is.EqualTo(2));
        Assert.That(read.Result.Frame, Is.SameAs(shown[2]), "the result's frame is the one shown, not built again");
        Assert.That(read.Result.AgeFrom, Is.EqualTo(frames[2].Arrival), "age counts from the result frame's arrival");
        Assert.That(read.Result.Detection, Is.Null, "frame 2 itself had no detection");
        Assert.That(read.Finding!.Box.Box, Is.EqualTo(new Box(12, 10, 22, 20)), "the finding's representative (highest-confidence) box");
        Assert.That(read.Finding.Box.Confidence, Is.EqualTo(0.8f));
        Assert.That(read.Finding.Box.ClassName, Is.EqualTo("M2"));
        Assert.That(read.Finding.Path, Is.EqualTo(new[] { (17f, 15f), (19f, 15f) }), "its last 2 centres");
        Assert.That((read.Finding.FirstFrame, read.Finding.LastFrame, read.Finding.RunEnded), Is.EqualTo((1, 3, false)));
        Assert.That(read.Finding.EvidenceAt, Is.EqualTo(frames[3].Arrival), "its age counts from its newest member's frame");
        Assert.That(read.Status, Has.Property("State").EqualTo(AiState.Running).And.Property("SkippedWindows").EqualTo(5));
        Assert.That(read.Status.EndToEndLatency, Is.EqualTo(TimeSpan.FromSeconds(0.25) + TimeSpan.FromMilliseconds(90)));

        sink.ShowStatus(new PipelineStatus(SourceState.Receiving, AiState.Unavailable, 3, 2, 5, "CUDA lost"));
        Assert.That(state.Read().Status, Has.Property("State").EqualTo(AiState.Unavailable).And.Property("Detail").EqualTo("CUDA lost"));
        sink.ShowResult(new LiveResult(new LiveFrame(frames[3].Frame, 7, frames[3].Arrival), 3, FrameDetections.Empty(3), null, new Letterbox(128, 128, 64), timings, 5));
        Assert.That(state.Read().Result!.FrameIndex, Is.EqualTo(2), "a result of another run than the one shown is not shown");
        sink.ShowRunEnded(new RunEnded(0, frames[0].Series, trajectory, 3, frames[3].Arrival));
        read = state.Read();
        Assert.That(read.Finding!.RunEnded, Is.True, "the run's finding stays, marked as the run's final answer");
        Assert.That(state.TryTakeRunEnd(out var endView), Is.True, "the view at the run's end is queued for its snapshot");
        Assert.That((endView.Frame!.Index, endView.Finding!.RunEnded, endView.Status.Detail), Is.EqualTo((3, true, "run ended")));
        sink.ShowFrame(new LiveFrame(CaptureFrames.Angiogram(0, true), 1, frames[3].Arrival + TimeSpan.FromSeconds(1)));
        Assert.That((state.Read().Result, state.Read().Finding), Is.EqualTo(((OverlayResult?)null, (OverlayFinding?)null)), "the next run's first frame clears the AI panel");
        sink.ShowResult(null);
        Assert.That(state.Read().Result, Is.Null);
    }
}
