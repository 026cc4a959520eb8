namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// How the view is drawn. <see cref="SmoothScaling"/> interpolates the image linearly when it is scaled (at 1:1 both
/// give the stored values exactly). Line widths are in framebuffer pixels.
/// </summary>
public sealed record OverlayRenderOptions
{
    public ResultFade Fade { get; init; } = ResultFade.Default;
    public bool SmoothScaling { get; init; } = true;
    /// <summary>The newest detection's outline.</summary>
    public float BoxLineWidth { get; init; } = 2f;

    /// <summary>The run's finding's outline: thicker, so that it reads as the answer.</summary>
    public float FindingLineWidth { get; init; } = 3f;
    public float PathLineWidth { get; init; } = 2f;
    public float StatusTextSize { get; init; } = 15f;
    public float CaptionTextSize { get; init; } = 14f;
    public float LabelTextSize { get; init; } = 14f;
}
