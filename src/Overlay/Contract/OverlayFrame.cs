using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// One live frame as the overlay receives it: unsigned stored values (row-major, <see cref="Width"/> x
/// <see cref="Height"/>), their bit depth, the photometric interpretation and an optional VOI window.
/// <see cref="ReceivedAt"/> is on the <see cref="Streaming.Pipeline.PipelineClock"/>; <see cref="Time"/> is the frame's time in its run.
/// The pixel array is shared, never copied: the publisher must not change it after publishing.
/// </summary>
public sealed record OverlayFrame
{
    public OverlayFrame(ushort[] pixels, int width, int height, int bitsStored, bool isMonochrome1, VoiWindow? window,
        int index, TimeSpan time, TimeSpan receivedAt)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (FrameGeometry.Problem(pixels.Length, width, height, bitsStored) is string problem) throw new ArgumentException($"frame {index}: {problem}");
        if (window is { Width: <= 0 } w) throw new ArgumentException($"frame {index}: VOI window width {w.Width} is not positive");
        Pixels = pixels; Width = width; Height = height; BitsStored = bitsStored; IsMonochrome1 = isMonochrome1;
        Window = window; Index = index; Time = time; ReceivedAt = receivedAt;
    }

    public ushort[] Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public int BitsStored { get; }
    public bool IsMonochrome1 { get; }
    public VoiWindow? Window { get; }
    public int Index { get; }
    public TimeSpan Time { get; }
    public TimeSpan ReceivedAt { get; }

    /// <summary>The window used for display: the file's VOI when it has one, else the full stored range.</summary>
    public VoiWindow DisplayWindow => Window ?? VoiWindow.FullRange(BitsStored);

    /// <summary>The 8-bit grey value the live panel shows for stored value <paramref name="stored"/> (MONOCHROME1 inverted).</summary>
    public byte DisplayGrey(ushort stored)
    {
        double v = DisplayWindow.Apply(stored);
        if (IsMonochrome1) v = 1.0 - v;
        return (byte)Math.Round(v * 255.0, MidpointRounding.AwayFromZero);
    }

    /// <summary>Adapts a capture frame (the pipeline's input) without copying its pixels.</summary>
    public static OverlayFrame FromCapture(Frame frame, TimeSpan receivedAt)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var s = frame.Series;
        VoiWindow? window = s.WindowCenter is { } c && s.WindowWidth is { } w && w > 0 ? new VoiWindow(c, w) : null;
        return new OverlayFrame(frame.Pixels, s.Columns, s.Rows, s.BitsStored, s.IsMonochrome1, window, frame.Index, frame.Time, receivedAt);
    }
}
