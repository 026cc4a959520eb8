using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>A phantom DSA run (exact truth) through the Streaming pipeline into the overlay, as snapshots.</summary>
public sealed class PhantomRunTests
{
    [Test]
    public void Snapshot_series_of_a_phantom_run_boxes_the_occlusion_once_it_is_visible()
    {
        const int Size = 128;
        var run = PhantomGenerator.Generate(11, new PhantomOptions
        {
            Size = Size, FieldOfViewMm = 120, Frames = 12, Fps = 3, View = PhantomView.Ap, Class = OcclusionClass.M1, NoMotion = true,
        });
        var occlusion = run.Truth.Occlusion!;
        var letterbox = new Letterbox(Size, Size, 64);
        // The stand-in model answers with the truth's box while the occlusion is visible (what a perfect model would say).
        var detector = new KnownAnswerDetector(i => occlusion.IsVisibleIn(i) ? letterbox.ToModel(occlusion.FixedBox) : null);
        string dir = PixelAssert.SnapshotFolder("phantom-run");

        var (loop, state) = PipelineDisplayTests.Run(new PhantomFrameSource(run, speed: 0), detector, dir, Size);
        using (loop)
        {
            Assert.That(loop.Snapshots, Has.Count.EqualTo(run.Frames.Length + 1), "one per frame, and the run's end");
            Assert.That(Path.GetFileName(loop.Snapshots[^1]), Is.EqualTo($"overlay-f{run.Frames.Length - 1:D6}_run-end.png"));
            TestContext.Out.WriteLine($"{run.RunId}: occlusion {occlusion.Class} visible from frame {occlusion.FirstVisibleFrame}, box {occlusion.FixedBox}");
            for (int i = 0; i < run.Frames.Length; i++)
            {
                using var png = SKBitmap.Decode(loop.Snapshots[i]);
                var layout = OverlayLayout.For(png.Width, png.Height);
                Assert.That(PixelAssert.CountBoxColoured(png, layout.LivePanel), Is.Zero, $"frame {i}: nothing drawn on the live panel");
                // The AI panel lags the live one by the window (centred: one frame), so frame i shows the result of i-1.
                if (i <= occlusion.FirstVisibleFrame)
                    Assert.That(PixelAssert.CountBoxColoured(png, layout.AiPanel), Is.Zero, $"frame {i}: no box before the occlusion is visible");
            }
            using var last = SKBitmap.Decode(loop.Snapshots[^2]);
            Assert.That(PixelAssert.CountBoxColoured(last, OverlayLayout.For(last.Width, last.Height).AiPanel), Is.GreaterThan(50), "the box is shown once the occlusion is visible");
            using var end = SKBitmap.Decode(loop.Snapshots[^1]);
            Assert.That(PixelAssert.CountFindingColoured(end, OverlayLayout.For(end.Width, end.Height).AiPanel), Is.GreaterThan(50), "the run's end shows its finding");
            Assert.That(state.Read().Finding!.Box.ClassName, Is.EqualTo("M1"), "the run's finding stays after the run");
        }
    }
}
