using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Overlay.Snapshots;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>A real Mesa EGL surfaceless context and renderer on the test's thread, rendering a snapshot and reading it back.</summary>
internal sealed class HeadlessView : IDisposable
{
    readonly EglSurfacelessContext context;
    readonly OverlayRenderer renderer;

    public HeadlessView(int width, int height, OverlayRenderOptions? options = null)
    {
        context = new EglSurfacelessContext(width, height);
        renderer = new OverlayRenderer(context.Gl, options);
    }

    public static HeadlessView ForImage(int imageWidth, int imageHeight, double scale = 1.0, OverlayRenderOptions? options = null)
    {
        var (w, h) = OverlayLayout.SizeFor(imageWidth, imageHeight, scale);
        return new HeadlessView(w, h, options);
    }

    public void Resize(int width, int height) => context.Resize(width, height);

    public (RenderedView View, RgbaImage Image) Render(OverlayState state, TimeSpan now)
    {
        context.BeginFrame();
        var (w, h) = context.FramebufferSize;
        var view = renderer.Render(state.Read(), now, w, h);
        return (view, new RgbaImage(w, h, FramebufferReader.ReadRgba(context.Gl, w, h)));
    }

    public void Dispose()
    {
        renderer.Dispose();
        context.Dispose();
    }
}
