namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// What one render put where: the layout, the image rectangles, the box outline's inner edge in framebuffer
/// pixels (the outline lies just outside it), the result's opacity and the texts drawn.
/// </summary>
public sealed record RenderedView(
    OverlayLayout Layout,
    int? LiveFrameIndex,
    PixelRect? LiveImage,
    PixelRect? AiImage,
    (float X1, float Y1, float X2, float Y2)? BoxOnScreen,
    float ResultOpacity,
    string StatusText,
    string LiveCaption,
    string AiCaption);
