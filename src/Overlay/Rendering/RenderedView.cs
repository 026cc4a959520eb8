namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// What one render put where: the layout, the image rectangles, the newest detection's box (<see cref="BoxOnScreen"/>)
/// and the run's finding's box (<see cref="FindingOnScreen"/>) as the outlines' inner edges in framebuffer pixels (the
/// outlines lie just outside), the newest result's opacity and the texts drawn.
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
    string AiCaption,
    (float X1, float Y1, float X2, float Y2)? FindingOnScreen = null,
    string? FindingLabel = null);
