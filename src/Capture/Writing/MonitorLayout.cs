namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// The monitor layout of <see cref="MonitorLayoutVideo"/>: a 1920x1080 picture at 30 fps with the DSA image at an
/// offset, a status text with a running clock, a moving cursor that crosses the image, and a second small panel (a
/// half-size copy of the image, as a reference monitor shows). Between runs the image area is black for
/// <see cref="GapSeconds"/>. <see cref="FadePictures"/> &gt; 0 cross-fades each new DSA frame over that many pictures.
/// </summary>
public sealed record MonitorLayout
{
    public int Width { get; init; } = 1920;
    public int Height { get; init; } = 1080;
    public int Fps { get; init; } = 30;
    public int ImageX { get; init; } = 420;
    public int ImageY { get; init; } = 180;
    public double LeadSeconds { get; init; } = 1;
    public double GapSeconds { get; init; } = 2;
    public int FadePictures { get; init; }

    /// <summary>
    /// x264 quality (CRF). 18, not FFmpeg's default 23: at 23 x264 codes the change of some phantom frames in fewer
    /// tiles than its own refinements of a held frame move, so no threshold tells them apart (docs/video.md).
    /// </summary>
    public int Crf { get; init; } = 18;

    /// <summary>Pictures from one key picture to the next (x264 <c>-g</c>); null: x264's default, 250.</summary>
    public int? KeyInterval { get; init; }
}
