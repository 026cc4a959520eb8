using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>The cheap consistency checks a frame passes before it is shown or analysed.</summary>
internal static class FrameCheck
{
    /// <summary>Why the frame cannot be used, or null when it can.</summary>
    public static string? Problem(Frame? frame)
    {
        if (frame is null) return "the source delivered no frame (null)";
        if (frame.Series is null) return $"frame {frame.Index} has no series";
        if (frame.Pixels is null) return $"frame {frame.Index} has no pixel data";
        var s = frame.Series;
        if (s.Rows < 1 || s.Columns < 1) return $"frame {frame.Index}: image size {s.Columns} x {s.Rows} is empty";
        if (frame.Pixels.Length != (long)s.Rows * s.Columns)
            return $"frame {frame.Index}: {frame.Pixels.Length} pixels for a {s.Columns} x {s.Rows} image (expected {(long)s.Rows * s.Columns})";
        if (s.BitsStored is < 1 or > 16) return $"frame {frame.Index}: bits stored {s.BitsStored} is outside 1..16";
        if (frame.Index < 0) return $"frame index {frame.Index} is negative";
        return null;
    }
}
