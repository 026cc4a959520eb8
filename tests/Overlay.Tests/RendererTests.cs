using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>The composed view under real Mesa (EGL surfaceless, llvmpipe), read back with glReadPixels.</summary>
public sealed class RendererTests
{
    const int W = 96, H = 64;
    static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);
    static readonly Box KnownBox = new(40, 20, 70, 44);

    static OverlayState Published(OverlayFrame frame, OverlayResult? result = null)
    {
        var state = new OverlayState();
        state.PublishFrame(frame);
        if (result is not null) state.PublishResult(result);
        return state;
    }

    [Test]
    public void Live_panel_shows_the_input_after_window_level_and_no_box_pixels()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H, window: new VoiWindow(2048, 3000));
        var state = Published(frame, TestFrames.Result(frame, KnownBox, T0));
        var (rendered, image) = view.Render(state.Read(), T0);

        Assert.That(rendered.LiveImage, Is.Not.Null);
        PixelAssert.ShowsFrame(image, rendered.LiveImage!.Value, frame);
        Assert.That(PixelAssert.CountNonGrey(image, rendered.LiveImage.Value), Is.Zero, "the AI never draws on the live image");
        Assert.That(PixelAssert.CountBoxColoured(image, rendered.Layout.LivePanel), Is.Zero);
    }

    [Test]
    public void Bits_stored_window_is_used_when_the_file_has_no_voi()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H, bitsStored: 12);
        var state = Published(frame);
        var (rendered, image) = view.Render(state.Read(), T0);
        PixelAssert.ShowsFrame(image, rendered.LiveImage!.Value, frame);
        // Stored 4095 (the 12-bit maximum) is white, 0 black: the window spans the file's bit depth, not 16 bits.
        Assert.That(frame.DisplayGrey(4095), Is.EqualTo(255));
        Assert.That(frame.DisplayGrey(0), Is.EqualTo(0));
    }

    [Test]
    public void Monochrome1_is_displayed_inverted()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var normal = TestFrames.Gradient(W, H);
        var inverted = TestFrames.Gradient(W, H, monochrome1: true);
        var state = Published(inverted);
        var (rendered, image) = view.Render(state.Read(), T0);
        PixelAssert.ShowsFrame(image, rendered.LiveImage!.Value, inverted);
        var r = rendered.LiveImage.Value;
        var p = image.At(r.X + 5, r.Y + 5);
        Assert.That(p.R, Is.EqualTo(255 - normal.DisplayGrey(normal.Pixels[5 * W + 5])).Within(1));
        Assert.That(inverted.DisplayGrey(0), Is.EqualTo(255), "MONOCHROME1: the lowest value is white");
    }

    [Test]
    public void Box_outline_lies_just_outside_the_box_in_the_ai_panel_only()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H);
        var state = Published(frame, TestFrames.Result(frame, KnownBox, T0));
        var (rendered, image) = view.Render(state.Read(), T0 + TimeSpan.FromMilliseconds(200));

        var ai = rendered.AiImage!.Value;
        Assert.That(rendered.BoxOnScreen, Is.EqualTo((ai.X + 40f, ai.Y + 20f, ai.X + 70f, ai.Y + 44f)), "box mapped 1:1 into the AI image");
        int midY = ai.Y + 32;
        foreach (var (x, y) in new[] { (ai.X + 39, midY), (ai.X + 38, midY), (ai.X + 70, midY), (ai.X + 71, midY), (ai.X + 55, ai.Y + 19), (ai.X + 55, ai.Y + 44) })
            Assert.That(PixelAssert.IsBoxColour(image.At(x, y)), Is.True, $"outline at ({x},{y}) is {image.At(x, y)}");
        // Inside the box and beyond the outline the image is untouched.
        foreach (var (x, y) in new[] { (40, 32), (41, 25), (69, 43), (36, 32), (73, 32) })
        {
            var p = image.At(ai.X + x, ai.Y + y);
            Assert.That(p.R, Is.EqualTo(frame.DisplayGrey(frame.Pixels[y * W + x])).Within(1), $"image pixel ({x},{y})");
            Assert.That(p.R == p.G && p.G == p.B, Is.True);
        }
        Assert.That(PixelAssert.CountBoxColoured(image, rendered.Layout.LivePanel), Is.Zero);
        Assert.That(rendered.Layout.LivePanel.Right, Is.LessThan(ai.X), "the panels do not overlap");
        // The whole inside of the box (where the path's centres lie) shows the image: the occlusion site stays visible.
        PixelAssert.ShowsFrame(image, new PixelRect(ai.X + 40, ai.Y + 20, 30, 24), frame, originX: 40, originY: 20);
    }

    [Test]
    public void Hidden_ai_marks_leave_the_frame_without_box_and_say_so()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H);
        var state = Published(frame, TestFrames.Result(frame, KnownBox, T0));
        var (rendered, image) = view.Render(state.Read(), T0, hideAiMarks: true);
        Assert.That(rendered.BoxOnScreen, Is.Null);
        Assert.That(PixelAssert.CountBoxColoured(image, rendered.Layout.AiPanel), Is.Zero);
        PixelAssert.ShowsFrame(image, rendered.AiImage!.Value, frame);
        Assert.That(rendered.AiCaption, Does.Contain("hidden"));
    }

    [Test]
    public void No_detection_draws_the_frame_without_marks()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H);
        var state = Published(frame, new OverlayResult(frame, null, T0));
        var (rendered, image) = view.Render(state.Read(), T0);
        Assert.That(rendered.BoxOnScreen, Is.Null);
        PixelAssert.ShowsFrame(image, rendered.AiImage!.Value, frame);
        Assert.That(rendered.AiCaption, Does.Contain("no detection").And.Contain("no finding"));
    }

    [Test]
    public void Stale_result_fades_then_clears()
    {
        const int Scale = 2;
        var options = new OverlayRenderOptions { Fade = new ResultFade(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), SmoothScaling = false };
        var frame = TestFrames.Angiogram(128, 6, occlusionVisible: true);
        using var view = OffscreenOverlay.ForImage(128, 128, Scale, options);
        var box = new Box(80, 53, 96, 67);
        var state = Published(frame, TestFrames.Result(frame, box, T0));

        var (fresh, freshImage) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(0.5));
        var edge = (X: fresh.AiImage!.Value.X + (int)box.X1 * Scale - 1, Y: fresh.AiImage.Value.Y + 60 * Scale);
        var full = freshImage.At(edge.X, edge.Y);
        Assert.That(fresh.ResultOpacity, Is.EqualTo(1f));
        Assert.That((full.R, full.G, full.B), Is.EqualTo(((byte)255, (byte)191, (byte)0)).Using<(byte, byte, byte)>((a, b) => Near(a, b)));

        var (fading, fadingImage) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(2));
        var faded = fadingImage.At(edge.X, edge.Y);
        Assert.That(fading.ResultOpacity, Is.InRange(0.3f, 0.9f));
        Assert.That(faded.B, Is.GreaterThan(full.B), "blended towards the grey image");
        Assert.That(PixelAssert.IsBoxColour(faded), Is.True, "still visible while fading");

        var (cleared, clearedImage) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(3.5));
        Assert.That(cleared.ResultOpacity, Is.Zero);
        Assert.That(cleared.AiImage, Is.Null);
        Assert.That(PixelAssert.CountBoxColoured(clearedImage, cleared.Layout.AiPanel), Is.Zero);
        Assert.That(cleared.AiCaption, Does.Contain("expired"));
        PixelAssert.ShowsFrame(clearedImage, cleared.LiveImage!.Value, frame);
        KeepForViewing("fade", ("fresh", freshImage), ("fading", fadingImage), ("cleared", clearedImage));
    }

    /// <summary>Writes the views as PNGs under the test folder (overlay-snapshots/NAME/) for people to look at.</summary>
    static void KeepForViewing(string name, params (string Name, Snapshots.RgbaImage Image)[] views)
    {
        string dir = PixelAssert.SnapshotFolder(name);
        Directory.CreateDirectory(dir);
        foreach (var (file, image) in views) Snapshots.SnapshotWriter.WritePng(image, Path.Combine(dir, file + ".png"));
    }

    [Test]
    public void Running_status_with_an_old_result_is_shown_as_delayed()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H);
        var state = Published(frame, TestFrames.Result(frame, KnownBox, T0));
        state.PublishStatus(new OverlayStatus(AiState.Running, "m", "cpu"));
        var (fresh, _) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(0.2));
        Assert.That(fresh.StatusText, Does.Contain("AI running"));
        var (old, image) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(1.5));
        Assert.That(old.StatusText, Does.Contain("AI result delayed"));
        var strip = image.At(old.Layout.StatusStrip.Right - 3, old.Layout.StatusStrip.Y + 3);
        Assert.That(strip.R, Is.GreaterThan(strip.B + 80), "amber strip");
    }

    static bool Near((byte, byte, byte) a, (byte, byte, byte) b) =>
        Math.Abs(a.Item1 - b.Item1) <= 1 && Math.Abs(a.Item2 - b.Item2) <= 1 && Math.Abs(a.Item3 - b.Item3) <= 1;

    [Test]
    public void Status_strip_says_ai_unavailable_while_the_live_panel_keeps_updating()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var state = new OverlayState();
        state.PublishStatus(new OverlayStatus(AiState.Unavailable, "occlunet-s", "cpu", Detail: "model threw on purpose"));
        var first = TestFrames.Gradient(W, H, index: 7);
        state.PublishFrame(first);
        var (view1, image1) = view.Render(state.Read(), T0);
        Assert.That(view1.StatusText, Does.Contain("AI unavailable"));
        PixelAssert.ShowsFrame(image1, view1.LiveImage!.Value, first);
        var strip = image1.At(view1.Layout.StatusStrip.Right - 3, view1.Layout.StatusStrip.Y + 3);
        Assert.That(strip.R, Is.GreaterThan(130).And.GreaterThan(strip.G + 100), "the strip is red when the AI is unavailable");
        Assert.That(CountLight(image1, view1.Layout.StatusStrip), Is.GreaterThan(100), "text is drawn in the strip");

        var second = TestFrames.Gradient(W, H, index: 8, offset: 900);
        state.PublishFrame(second);
        var (view2, image2) = view.Render(state.Read(), T0 + TimeSpan.FromSeconds(0.3));
        PixelAssert.ShowsFrame(image2, view2.LiveImage!.Value, second);
        Assert.That(view2.StatusText, Does.Contain("AI unavailable").And.Contain("frame 8"));
        Assert.That(view2.AiImage, Is.Null, "no result: the AI panel stays empty");
    }

    static int CountLight(Snapshots.RgbaImage image, PixelRect rect)
    {
        int n = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
                if (image.At(x, y) is { R: > 200, G: > 200, B: > 200 }) n++;
        return n;
    }

    [Test]
    public void Nearest_scaling_shows_each_stored_value_as_a_block()
    {
        using var view = OffscreenOverlay.ForImage(W, H, scale: 2, options: new OverlayRenderOptions { SmoothScaling = false });
        var frame = TestFrames.Gradient(W, H, window: new VoiWindow(1500, 800));
        var state = Published(frame);
        var (rendered, image) = view.Render(state.Read(), T0);
        PixelAssert.ShowsFrame(image, rendered.LiveImage!.Value, frame);
    }

    [Test]
    public void Resizing_keeps_the_aspect_ratio_of_both_panels()
    {
        using var view = OffscreenOverlay.ForImage(W, H);
        var frame = TestFrames.Gradient(W, H);
        var state = Published(frame, TestFrames.Result(frame, KnownBox, T0));
        foreach (var (w, h) in new[] { (900, 300), (300, 700), (641, 479) })
        {
            view.Resize(w, h);
            var (rendered, image) = view.Render(state.Read(), T0);
            Assert.That(image.Width, Is.EqualTo(w));
            foreach (var rect in new[] { rendered.LiveImage!.Value, rendered.AiImage!.Value })
                Assert.That((double)rect.Width / rect.Height, Is.EqualTo((double)W / H).Within(0.03), $"{w}x{h}: {rect}");
            Assert.That(PixelAssert.CountBoxColoured(image, rendered.Layout.LivePanel), Is.Zero);
        }
    }
}
