using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Overlay.Snapshots;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>The GLFW window path under X (a private Xvfb when there is no display); skipped without X.</summary>
[NonParallelizable]
public sealed class WindowTests
{
    const int W = 96, H = 64;

    [Test]
    public void Window_shows_the_live_frame_after_window_level()
    {
        using var display = XvfbDisplay.StartOrAssume();
        var (w, h) = OverlayLayout.SizeFor(W, H);
        using var context = new GlfwWindowContext(w, h, "overlay test");
        Assert.That(context.Description, Does.StartWith("GLFW"));
        using var renderer = new OverlayRenderer(context.Gl);
        var frame = TestFrames.Gradient(W, H, window: new VoiWindow(2000, 2500));
        var state = new OverlayState();
        state.PublishFrame(frame);
        context.BeginFrame();
        var size = context.FramebufferSize;
        Assert.That(size, Is.EqualTo((w, h)));
        var view = renderer.Render(state.Read(), TimeSpan.Zero, size.Width, size.Height);
        var image = new RgbaImage(size.Width, size.Height, FramebufferReader.ReadRgba(context.Gl, size.Width, size.Height));
        context.Present();
        PixelAssert.ShowsFrame(image, view.LiveImage!.Value, frame);

        context.Resize(500, 200);
        Poll.Until(() => { context.PollEvents(); return context.FramebufferSize == (500, 200); }, "the window to take its new size");
        var resized = renderer.Render(state.Read(), TimeSpan.Zero, 500, 200);
        var live = resized.LiveImage!.Value;
        Assert.That((double)live.Width / live.Height, Is.EqualTo((double)W / H).Within(0.03), "aspect kept after resizing the window");
    }

    [Test]
    public void Keys_pressed_in_the_window_become_replay_commands_and_q_quits()
    {
        using var display = XvfbDisplay.StartOrAssume();
        using var keyboard = XTestKeyboard.OpenOrAssume(display.Name);
        var state = new OverlayState();
        state.PublishFrame(TestFrames.Gradient(W, H));
        var (w, h) = OverlayLayout.SizeFor(W, H, 2);
        using var loop = OverlayRenderLoop.Start(state, new OverlayLoopOptions { Width = w, Height = h, RenderHz = 60 }, CancellationToken.None);
        Assert.That(loop.Ready.Wait(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(loop.Ready.Result, Does.StartWith("GLFW"));
        Poll.Until(() => loop.LastView is not null, "first window frame");
        keyboard.MovePointer(w / 2, h / 2);
        foreach (var key in new[] { XTestKeyboard.Space, XTestKeyboard.Right, XTestKeyboard.H, XTestKeyboard.Q }) keyboard.Press(key);

        var received = new List<ReplayCommand>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (received.LastOrDefault() != ReplayCommand.Quit)
                received.Add(loop.Commands.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult());
        }
        catch (OperationCanceledException) { }
        Assert.That(received, Is.EqualTo(new[] { ReplayCommand.TogglePause, ReplayCommand.StepForward, ReplayCommand.ToggleAiMarks, ReplayCommand.Quit }));
        Assert.That(loop.Completion.Wait(TimeSpan.FromSeconds(10)), Is.True, "Q ends the render loop");
    }
}
