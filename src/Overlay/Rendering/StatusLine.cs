using System.Globalization;
using OccluNet.Live.Overlay.Contract;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>The text of the status strip and the panel captions (pure, so tests can read what is drawn).</summary>
public static class StatusLine
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A long exception message would shrink the whole strip; the full text belongs in the log.</summary>
    const int MaxDetail = 60;

    static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public static string StateText(AiState state) => state switch
    {
        AiState.Running => "AI running",
        AiState.Stale => "AI result delayed",
        AiState.Unavailable => "AI unavailable",
        _ => "AI waiting for frames",
    };

    public static string Format(OverlayStatus status, OverlayFrame? live)
    {
        var parts = new List<string>();
        if (status.IsReplay) parts.Add(status.Playback is { } playback ? $"REPLAY {playback}" : "REPLAY");
        string state = StateText(status.State);
        parts.Add(status.Detail is { Length: > 0 } detail ? $"{state} ({Shorten(detail, MaxDetail)})" : state);
        if (status.ModelId is not null || status.Device is not null)
            parts.Add($"model {status.ModelId ?? "?"} on {status.Device ?? "?"}");
        int? frame = status.FrameIndex ?? live?.Index;
        if (frame is not null) parts.Add($"frame {frame}");
        if (status.FramesPerSecond > 0) parts.Add(string.Format(Inv, "{0:0.0} fps", status.FramesPerSecond));
        if (status.EndToEndLatency is { } latency) parts.Add(string.Format(Inv, "latency {0:0} ms", latency.TotalMilliseconds));
        parts.Add($"skipped {status.SkippedWindows}");
        return string.Join("  ·  ", parts);
    }

    public static string LiveCaption(OverlayFrame? live) =>
        live is null ? "LIVE  waiting for the first frame" : string.Format(Inv, "LIVE  frame {0}  t {1:0.00} s", live.Index, live.Time.TotalSeconds);

    public static string AiCaption(OverlayResult? result, OverlayFrame? live, TimeSpan age, bool cleared, bool marksHidden = false)
    {
        if (marksHidden) return "AI VIEW  marks hidden (press H to show)";
        if (result is null) return "AI VIEW  no result yet";
        string behind = live is null ? "" : $" ({live.Index - result.FrameIndex} behind)";
        string ageText = string.Format(Inv, "age {0:0.0} s", age.TotalSeconds);
        if (cleared) return $"AI VIEW  last result expired ({ageText})";
        string finding = result.Trajectory is null ? "  no trajectory" : "";
        return $"AI VIEW  frame {result.FrameIndex}{behind}  {ageText}{finding}";
    }

    public static string BoxLabel(OverlayTrajectory trajectory, TimeSpan age) =>
        string.Format(Inv, "{0} {1:0}%  {2:0.0} s", trajectory.ClassName, trajectory.Confidence * 100f, age.TotalSeconds);
}
