using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Overlay.Snapshots;

namespace OccluNet.Live.Overlay;

/// <summary>
/// The composed view rendered on the caller's thread into a headless EGL framebuffer and read back: for as-fast-as-
/// possible replays that want one snapshot per frame, and for tests. Create, use and dispose it on one thread.
/// </summary>
public sealed class OffscreenOverlay : IDisposable
{
    readonly EglSurfacelessContext context;
    readonly OverlayRenderer renderer;

    public OffscreenOverlay(int width, int height, OverlayRenderOptions? options = null)
    {
        context = new EglSurfacelessContext(width, height);
        renderer = new OverlayRenderer(context.Gl, options);
    }

    /// <summary>Sized so that a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image shows at <paramref name="scale"/> in each panel.</summary>
    public static OffscreenOverlay ForImage(int imageWidth, int imageHeight, double scale = 1.0, OverlayRenderOptions? options = null)
    {
        var (w, h) = OverlayLayout.SizeFor(imageWidth, imageHeight, scale);
        return new OffscreenOverlay(w, h, options);
    }

    public string Description => context.Description;

    public void Resize(int width, int height) => context.Resize(width, height);

    public (RenderedView View, RgbaImage Image) Render(OverlaySnapshot snapshot, TimeSpan now, bool hideAiMarks = false)
    {
        context.BeginFrame();
        var (w, h) = context.FramebufferSize;
        var view = renderer.Render(snapshot, now, w, h, hideAiMarks);
        return (view, new RgbaImage(w, h, FramebufferReader.ReadRgba(context.Gl, w, h)));
    }

    public void Dispose()
    {
        renderer.Dispose();
        context.Dispose();
    }
}
