using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;

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
        if (FrameGeometry.Problem(frame.Pixels.Length, s.Columns, s.Rows, s.BitsStored) is string problem) return $"frame {frame.Index}: {problem}";
        if (frame.Index < 0) return $"frame index {frame.Index} is negative";
        return null;
    }
}
