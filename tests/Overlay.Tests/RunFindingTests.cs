using System.Runtime.CompilerServices;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Pipeline;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Tests.Shared;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>
/// Issue 20's clinician view: replay-data's ph122-ap with the shipped model, then the first frames of a negative run.
/// After ph122's last frame the AI view keeps the run's box, labelled as the run's finding (also in the run's last
/// snapshot); it clears when the next run starts. Headless (EGL) and in a window (GLFW on a private Xvfb).
/// </summary>
[NonParallelizable]
public sealed class RunFindingTests
{
    const int LastFrameOfPh122 = 13;

    [TestCase(true, TestName = "The_runs_finding_stays_after_its_last_frame_and_clears_at_the_next_run(headless)")]
    [TestCase(false, TestName = "The_runs_finding_stays_after_its_last_frame_and_clears_at_the_next_run(window)")]
    public async Task The_runs_finding_stays_after_its_last_frame_and_clears_at_the_next_run(bool headless)
    {
        using var display = headless ? null : XvfbDisplay.StartOrAssume();
        string runs = Directory.CreateTempSubdirectory("overlay-finding-").FullName;
        try
        {
            File.Copy(Replay("ph122-ap.dcm"), Path.Combine(runs, "a-ph122-ap.dcm"));
            RunFiles.WriteFirstFrames(Replay("ph601-lat.dcm"), Path.Combine(runs, "b-ph601-lat.dcm"), frames: 2);
            string snapshots = PixelAssert.SnapshotFolder(headless ? "run-finding-headless" : "run-finding-window");
            TorchSharp.torch.set_num_threads(1);
            using var model = Checkpoint.LoadForInference(RepoPaths.ShippedModel, OccluNet.Live.Model.Runtime.EngineChoice.TorchCpu);

            var state = new OverlayState();
            var (w, h) = OverlayLayout.SizeFor(512, 512, 0.75);
            using var loop = OverlayRenderLoop.Start(state, new OverlayLoopOptions { Headless = headless, Width = w, Height = h, SnapshotDirectory = snapshots }, CancellationToken.None);
            Assert.That(await loop.Ready.WaitAsync(TimeSpan.FromSeconds(30)), headless ? Does.StartWith("EGL") : Does.StartWith("GLFW"));
            var display0 = new RunEndSignal(new OverlayDisplaySink(state, new OverlaySinkOptions(model.Detector.Info, IsReplay: true)));
            RenderedView? afterLastFrame = null, runEndView = null;
            // Each frame waits until drawn; after ph122's last frame, the next run waits until ph122 has ended and that was drawn.
            var source = new HeldSource(new DicomReplaySource(runs, new ReplayOptions { Speed = null }), async (frame, ct) =>
            {
                await loop.WaitForPublishedDrawnAsync(ct);
                if (frame.EndsRun && frame.Index == LastFrameOfPh122)
                {
                    await display0.FirstRunEnded.WaitAsync(ct);
                    await loop.WaitForPublishedDrawnAsync(ct);
                    afterLastFrame = loop.LastView;
                    runEndView = loop.LastRunEndView;
                }
            });
            var pipeline = StreamingPipeline.Compose(source, new ModelInputPreparer(model.Preprocessor), model.Detector, PipelineOptions.Lossless, display0, []);
            await pipeline.RunAsync().WaitAsync(TimeSpan.FromMinutes(3));
            await loop.WaitForPublishedDrawnAsync(CancellationToken.None);
            var ended = await display0.FirstRunEnded;

            Assert.That(ended.Finding, Is.Not.Null, "the shipped model finds ph122's occlusion (the console says frames 4-8)");
            var finding = ended.Finding!;
            // The live view after ph122's last frame, before the next run: the run's box, labelled as its finding.
            Assert.That(afterLastFrame, Is.Not.Null);
            Assert.Multiple(() =>
            {
                Assert.That(afterLastFrame!.LiveFrameIndex, Is.EqualTo(LastFrameOfPh122));
                Assert.That(afterLastFrame.FindingOnScreen, Is.Not.Null, "the run's box is still on the AI view");
                Assert.That(afterLastFrame.FindingLabel, Does.StartWith($"RUN FINDING  occlusion").And.Contain($"frames {finding.FirstFrame}-{finding.LastFrame}").And.EndWith("run ended"));
                Assert.That(afterLastFrame.AiCaption, Does.Contain("run ended, finding kept"));
            });

            // The run's last snapshot is its end view and shows the box in red where the finding is.
            var files = loop.Snapshots.Select(Path.GetFileName).ToList();
            int endIndex = files.IndexOf($"overlay-f{LastFrameOfPh122:D6}_run-end.png");
            Assert.That(endIndex, Is.EqualTo(files.IndexOf($"overlay-f{LastFrameOfPh122:D6}.png") + 1), string.Join(", ", files));
            Assert.That(files[endIndex + 1], Is.EqualTo("overlay-p01-f000000.png"), "then the next run's frames");
            using (var end = SKBitmap.Decode(loop.Snapshots[endIndex]))
            {
                var layout = OverlayLayout.For(end.Width, end.Height);
                var image = layout.AiPanel.Fit(512, 512);
                float scale = (float)image.Width / 512;
                var box = finding.RepresentativeBox;
                // The red ring lies 2-5 px outside the box (outside the newest detection's amber ring).
                var ring = new PixelRect(image.X + (int)(box.X1 * scale) - 6, image.Y + (int)(box.Y1 * scale) - 6,
                    (int)((box.X2 - box.X1) * scale) + 12, (int)((box.Y2 - box.Y1) * scale) + 12);
                int perimeter = 2 * (ring.Width + ring.Height);
                Assert.That(PixelAssert.CountFindingColoured(end, ring), Is.GreaterThan(perimeter), "the finding's outline around its box");
                Assert.That(PixelAssert.CountFindingColoured(end, layout.LivePanel), Is.Zero, "nothing drawn on the live image");
            }
            Assert.That(runEndView?.FindingLabel, Does.StartWith("RUN FINDING").And.EndWith("run ended"), "the end snapshot's finding is labelled as the run's");

            // The next run's first frame: no finding of ph122 any more.
            using (var next = SKBitmap.Decode(Path.Combine(snapshots, "overlay-p01-f000000.png")))
                Assert.That(PixelAssert.CountFindingColoured(next, OverlayLayout.For(next.Width, next.Height).AiPanel), Is.Zero, "cleared at the next run");
            Assert.That(state.Read().Finding?.Run, Is.Not.EqualTo(0), "the view holds nothing of the first run");
            loop.Stop();
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    static string Replay(string name) => RepoPaths.Require(Path.Combine(RepoPaths.ReplayData, name));

    /// <summary>The overlay sink, signalling the first run's end once the sink has taken it.</summary>
    sealed class RunEndSignal(OverlayDisplaySink inner) : IDisplaySink
    {
        readonly TaskCompletionSource<RunEnded> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<RunEnded> FirstRunEnded => first.Task;
        public void ShowFrame(LiveFrame frame) => inner.ShowFrame(frame);
        public void ShowResult(LiveResult? result) => inner.ShowResult(result);
        public void ShowStatus(PipelineStatus status) => inner.ShowStatus(status);

        public void ShowRunEnded(RunEnded ended)
        {
            inner.ShowRunEnded(ended);
            if (ended.RunNumber == 0) first.TrySetResult(ended);
        }
    }

    /// <summary>Another source's frames; after each, waits for <c>after(frame)</c>.</summary>
    sealed class HeldSource(IFrameSource inner, Func<Frame, CancellationToken, Task> after) : IFrameSource
    {
        public string Name => inner.Name;

        public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var frame in inner.ReadAsync(onFault, cancellationToken))
            {
                yield return frame;
                await after(frame, cancellationToken);
            }
        }
    }
}
