using System.Diagnostics;
using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Overlay.Snapshots;

namespace OccluNet.Live.Overlay.Drill;

/// <summary>
/// The drill in a window: a case plays at acquisition timing on the live panel only (the AI panel stays empty), the
/// trainee clicks the occlusion (a click can be repeated to move the mark: every click is kept, the last counts) or
/// presses N for "no occlusion"; the last frame stays until Enter ends the case (Enter before it ends it early). Then
/// the reveal stays until Enter. Clicks are mapped through the live image's letterbox in the current framebuffer, so
/// they stay right after a resize. What happens is written to <paramref name="log"/> as it happens ("case X: last
/// frame shown", "window: W x H", "case X: reveal shown"), which is what a driving script (or test) waits for.
/// One thread creates, uses and disposes it (GLFW's rule).
/// </summary>
public sealed class DrillWindow(int width, int height, TextWriter log) : IDisposable
{
    public const int EnterKey = 257, KeypadEnterKey = 335, NKey = 78;

    readonly GlfwWindowContext context = new(width, height, "OccluNet drill");
    OverlayRenderer? renderer;

    public string Description => context.Description;

    /// <summary>Plays one case; returns the trainee's calls in order (empty: no call), or null when the window was closed.</summary>
    public IReadOnlyList<TraineeCall>? Play(string caseName, IReadOnlyList<OverlayFrame> frames, string prompt)
    {
        renderer ??= new OverlayRenderer(context.Gl);
        var calls = new List<TraineeCall>();
        var clock = new Stopwatch();
        bool done = false;
        PixelRect? image = null;
        OverlayFrame shown = frames[0];
        context.KeyPressed = (key, _) =>
        {
            if (key is EnterKey or KeypadEnterKey) done = true;
            else if (key == NKey) calls.Add(new TraineeCall(clock.Elapsed.TotalSeconds, null));
        };
        context.Clicked = (x, y) =>
        {
            if (image is not { } rect || !rect.Contains((int)x, (int)y)) return;
            calls.Add(new TraineeCall(clock.Elapsed.TotalSeconds,
                ((float)((x + 0.5 - rect.X) * shown.Width / rect.Width), (float)((y + 0.5 - rect.Y) * shown.Height / rect.Height))));
        };
        int index = -1;
        (int, int) size = default;
        int drawnCalls = -1;
        clock.Start();
        while (!done)
        {
            if (context.CloseRequested) return null;
            int next = index;
            double now = clock.Elapsed.TotalSeconds;
            while (next + 1 < frames.Count && frames[next + 1].Time.TotalSeconds <= now) next++;
            next = Math.Max(next, 0);
            var framebuffer = context.FramebufferSize;
            if (next != index || framebuffer != size || calls.Count != drawnCalls)
            {
                shown = frames[next];
                var mark = calls.Count > 0 ? calls[^1].Point : null;
                var view = Draw(new OverlaySnapshot(shown, null, OverlayStatus.Initial, 0, null, new OverlayReveal(null, mark, prompt)));
                image = view.LiveImage;
                drawnCalls = calls.Count;
                if (framebuffer != size) log.WriteLine($"window: {framebuffer.Width} x {framebuffer.Height}, live image at {image}");
                if (next == frames.Count - 1 && index != next) log.WriteLine($"case {caseName}: last frame shown");
                log.Flush();
                index = next;
                size = framebuffer;
            }
            context.PollEvents();
            if (!done) Thread.Sleep(5); // pacing only: nothing waits on it
        }
        return calls;
    }

    /// <summary>Shows a case's reveal until Enter and returns the picture (null when the window was closed).</summary>
    public RgbaImage? Reveal(string caseName, OverlaySnapshot snapshot)
    {
        bool done = false;
        context.KeyPressed = (key, _) => done |= key is EnterKey or KeypadEnterKey;
        context.Clicked = null;
        (int, int) size = default;
        RgbaImage? picture = null;
        while (!done)
        {
            if (context.CloseRequested) return null;
            var framebuffer = context.FramebufferSize;
            if (framebuffer != size)
            {
                picture = DrawAndRead(snapshot);
                if (size == default) log.WriteLine($"case {caseName}: reveal shown (Enter: next case)");
                log.Flush();
                size = framebuffer;
            }
            context.PollEvents();
            if (!done) Thread.Sleep(5);
        }
        return picture;
    }

    RenderedView Draw(OverlaySnapshot snapshot)
    {
        context.BeginFrame();
        var (w, h) = context.FramebufferSize;
        var view = renderer!.Render(snapshot, TimeSpan.Zero, w, h);
        context.Present();
        return view;
    }

    RgbaImage DrawAndRead(OverlaySnapshot snapshot)
    {
        renderer ??= new OverlayRenderer(context.Gl);
        context.BeginFrame();
        var (w, h) = context.FramebufferSize;
        renderer.Render(snapshot, TimeSpan.Zero, w, h);
        var image = new RgbaImage(w, h, FramebufferReader.ReadRgba(context.Gl, w, h));
        context.Present();
        return image;
    }

    public void Dispose()
    {
        renderer?.Dispose();
        context.Dispose();
    }
}
