using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>The render loop on its own thread, headless (EGL), writing PNG snapshots.</summary>
public sealed class RenderLoopTests
{
    const int Size = 128;

    static OverlayLoopOptions Headless(string snapshots, int everyNth, double scale = 1.0)
    {
        var (w, h) = OverlayLayout.SizeFor(Size, Size, scale);
        return new OverlayLoopOptions { Headless = true, Width = w, Height = h, RenderHz = 60, SnapshotDirectory = snapshots, SnapshotEveryNth = everyNth };
    }

    /// <summary>Publishes and waits until the loop has drawn that live frame (the loop runs at its own rate).</summary>
    static void PublishAndWait(OverlayRenderLoop loop, OverlayState state, OverlayFrame frame, OverlayResult? result = null)
    {
        if (result is not null) state.PublishResult(result);
        state.PublishFrame(frame);
        Assert.That(loop.WaitForFrameDrawnAsync(frame.Index, CancellationToken.None).Wait(TimeSpan.FromSeconds(20)), Is.True,
            $"frame {frame.Index} was not drawn in time");
    }

    [Test]
    public void Headless_loop_writes_every_nth_frame_as_a_readable_png()
    {
        string dir = PixelAssert.SnapshotFolder("every-2nd");
        var state = new OverlayState();
        using var loop = OverlayRenderLoop.Start(state, Headless(dir, everyNth: 2), CancellationToken.None);
        Assert.That(loop.Ready.Wait(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(loop.Ready.Result, Does.StartWith("EGL"));
        var frames = Enumerable.Range(0, 5).Select(i => TestFrames.Gradient(Size, Size, index: i, offset: 300 * i)).ToList();
        foreach (var frame in frames) PublishAndWait(loop, state, frame);
        loop.Stop();
        Assert.That(loop.Completion.Wait(TimeSpan.FromSeconds(10)), Is.True);

        Assert.That(loop.Snapshots.Select(Path.GetFileName), Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000002.png", "overlay-f000004.png" }));
        using var png = SKBitmap.Decode(Path.Combine(dir, "overlay-f000004.png"));
        Assert.That(png, Is.Not.Null, "the PNG decodes");
        var (w, h) = OverlayLayout.SizeFor(Size, Size);
        Assert.That((png.Width, png.Height), Is.EqualTo((w, h)));
        var live = OverlayLayout.For(w, h).LivePanel;
        var pixel = png.GetPixel(live.X + 10, live.Y + 20);
        Assert.That((int)pixel.Red, Is.EqualTo(frames[4].DisplayGrey(frames[4].Pixels[20 * Size + 10])).Within(1), "the PNG holds the live frame");
    }

    [Test]
    public void Snapshots_of_a_frame_index_shown_again_get_a_pass_number_and_never_overwrite()
    {
        string dir = PixelAssert.SnapshotFolder("passes");
        var state = new OverlayState();
        using var loop = OverlayRenderLoop.Start(state, Headless(dir, everyNth: 1), CancellationToken.None);
        foreach (var frame in new[] { TestFrames.Gradient(Size, Size, index: 0), TestFrames.Gradient(Size, Size, index: 1), TestFrames.Gradient(Size, Size, index: 0, offset: 500) })
        {
            state.PublishFrame(frame);
            // Waits by state version, so it also holds when the index goes back (WaitForFrameDrawnAsync(0) would not wait).
            Assert.That(loop.WaitForPublishedDrawnAsync(CancellationToken.None).Wait(TimeSpan.FromSeconds(20)), Is.True);
        }
        loop.Stop();
        Assert.That(loop.Snapshots.Select(Path.GetFileName), Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000001.png", "overlay-p01-f000000.png" }));
    }

    [Test]
    public void Loop_redraws_an_ageing_result_between_frames()
    {
        var state = new OverlayState();
        using var loop = OverlayRenderLoop.Start(state, Headless(PixelAssert.SnapshotFolder("ageing"), everyNth: 1000), CancellationToken.None);
        var frame = TestFrames.Gradient(Size, Size, index: 1);
        PublishAndWait(loop, state, frame, TestFrames.Result(frame, new Box(10, 10, 30, 30), PipelineClock.Now));
        string first = loop.LastView!.AiCaption;
        Assert.That(first, Does.Contain("age "));
        // Redrawn with no new frame published: the caption's age moves on (0.1 s steps), the live frame stays.
        Poll.Until(() => loop.LastView!.AiCaption != first, "a redraw with an older result age");
        Assert.That(Age(loop.LastView!.AiCaption), Is.GreaterThan(Age(first)), "the result's age moves on without a new frame");
        Assert.That(loop.LastView.LiveFrameIndex, Is.EqualTo(1));
    }

    static double Age(string caption) =>
        double.Parse(System.Text.RegularExpressions.Regex.Match(caption, @"age (\d+\.\d) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void Loop_follows_new_frames_while_the_ai_is_unavailable()
    {
        var state = new OverlayState();
        state.PublishStatus(new OverlayStatus(AiState.Unavailable, "occlunet-s", "cpu", Detail: "inference failed on purpose"));
        using var loop = OverlayRenderLoop.Start(state, Headless(PixelAssert.SnapshotFolder("unavailable"), everyNth: 1), CancellationToken.None);
        for (int i = 0; i < 3; i++)
        {
            PublishAndWait(loop, state, TestFrames.Gradient(Size, Size, index: i, offset: 500 * i));
            Assert.That(loop.LastView!.StatusText, Does.Contain("AI unavailable"));
        }
        Assert.That(loop.Snapshots, Has.Count.EqualTo(3));
    }

    [Test]
    public void Snapshot_series_shows_the_box_appearing_when_the_occlusion_becomes_visible()
    {
        // A DSA-like run: M1 fills normally until frame 4, then is cut off; the AI result follows one frame behind
        // and the trajectory is confirmed from frame 5. Look at these PNGs when changing the view.
        string dir = PixelAssert.SnapshotFolder("occlusion-series");
        var state = new OverlayState();
        using var loop = OverlayRenderLoop.Start(state, Headless(dir, everyNth: 1, scale: 3), CancellationToken.None);
        var occlusion = new Box(80, 53, 96, 67);
        var centres = new List<(float X, float Y)>();
        OverlayFrame? previous = null;
        for (int i = 0; i < 9; i++)
        {
            var frame = TestFrames.Angiogram(Size, i, occlusionVisible: i >= 4);
            OverlayResult? result = null;
            if (previous is not null)
            {
                bool confirmed = previous.Index >= 5;
                if (confirmed) centres.Add((occlusion.CenterX + (previous.Index - 7) * 0.6f, occlusion.CenterY));
                var box = occlusion.Translate((previous.Index - 7) * 0.6f, 0);
                result = new OverlayResult(previous, confirmed ? new OverlayDetection(box, "M1", 0.62f + 0.04f * previous.Index) : null, PipelineClock.Now);
                state.PublishFinding(confirmed ? new OverlayFinding(0, new OverlayDetection(occlusion, "M1", 0.9f), centres.ToArray(), 5, previous.Index, PipelineClock.Now, RunEnded: false) : null);
                state.PublishStatus(new OverlayStatus(AiState.Running, "occlunet-s@1a2b3c", "cpu", i, 3.0, TimeSpan.FromMilliseconds(240), 0, IsReplay: true, Playback: new ReplayControls()));
            }
            PublishAndWait(loop, state, frame, result);
            previous = frame;
        }
        loop.Stop();
        loop.Completion.Wait(TimeSpan.FromSeconds(10));
        Assert.That(loop.Snapshots, Has.Count.EqualTo(9));

        using var before = SKBitmap.Decode(Path.Combine(dir, "overlay-f000005.png"));
        using var after = SKBitmap.Decode(Path.Combine(dir, "overlay-f000008.png"));
        var layout = OverlayLayout.For(after.Width, after.Height);
        Assert.That(PixelAssert.CountBoxColoured(before, layout.AiPanel), Is.Zero, "no box before the trajectory is confirmed");
        Assert.That(PixelAssert.CountBoxColoured(after, layout.AiPanel), Is.GreaterThan(100), "the box is shown once confirmed");
        Assert.That(PixelAssert.CountBoxColoured(after, layout.LivePanel), Is.Zero);
    }
}
