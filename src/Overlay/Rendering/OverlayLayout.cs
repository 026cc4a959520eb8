namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// Where things go in a framebuffer: a caption row on top, the live panel left and the AI panel right (split by a
/// gap), the status strip along the bottom. Images keep their aspect inside their panels.
/// </summary>
public sealed record OverlayLayout(int FramebufferWidth, int FramebufferHeight, PixelRect LivePanel, PixelRect AiPanel,
    PixelRect LiveCaption, PixelRect AiCaption, PixelRect StatusStrip)
{
    public const int CaptionHeight = 24, StripHeight = 30, Gap = 6;

    public static OverlayLayout For(int width, int height)
    {
        int panelWidth = Math.Max(0, (width - Gap) / 2);
        int panelHeight = Math.Max(0, height - CaptionHeight - StripHeight);
        int rightX = width - panelWidth;
        return new OverlayLayout(width, height,
            new PixelRect(0, CaptionHeight, panelWidth, panelHeight),
            new PixelRect(rightX, CaptionHeight, panelWidth, panelHeight),
            new PixelRect(0, 0, panelWidth, CaptionHeight),
            new PixelRect(rightX, 0, panelWidth, CaptionHeight),
            new PixelRect(0, height - StripHeight, width, StripHeight));
    }

    /// <summary>The framebuffer size that shows a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image at <paramref name="scale"/> in each panel.</summary>
    public static (int Width, int Height) SizeFor(int imageWidth, int imageHeight, double scale = 1.0)
    {
        int w = (int)Math.Round(imageWidth * scale), h = (int)Math.Round(imageHeight * scale);
        return (2 * w + Gap, h + CaptionHeight + StripHeight);
    }
}
