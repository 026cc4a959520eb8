using System.Globalization;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>The text of the status strip and the panel captions (pure, so tests can read what is drawn).</summary>
internal static class StatusLine
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

    /// <summary>
    /// The AI panel's caption: the newest result's frame, how far behind the live frame and how old it is (or that it
    /// expired), and what of the run's finding is shown.
    /// </summary>
    public static string AiCaption(OverlayResult? result, OverlayFrame? live, TimeSpan age, bool cleared, bool marksHidden = false, OverlayFinding? finding = null)
    {
        if (marksHidden) return "AI VIEW  marks hidden (press H to show)";
        if (result is null) return "AI VIEW  no result yet";
        string behind = live is null ? "" : $" ({live.Index - result.FrameIndex} behind)";
        string ageText = string.Format(Inv, "age {0:0.0} s", age.TotalSeconds);
        string newest = cleared ? $"AI VIEW  newest result expired ({ageText})"
            : $"AI VIEW  frame {result.FrameIndex}{behind}  {ageText}{(result.Detection is null ? "  no detection" : "")}";
        string kept = finding is null ? "  no finding" : finding.RunEnded ? "  run ended, finding kept (C clears)" : "";
        return newest + kept;
    }

    /// <summary>The newest detection's label: "M2 73%  1.3 s".</summary>
    public static string BoxLabel(OverlayDetection detection, TimeSpan age) =>
        string.Format(Inv, "{0} {1:0}%  {2:0.0} s", detection.ClassName, detection.Confidence * 100f, age.TotalSeconds);

    /// <summary>The finding's label: "RUN FINDING  M1 87%  frames 4-8  2.3 s" (", run ended" once the run is over).</summary>
    public static string FindingLabel(OverlayFinding finding, TimeSpan age) =>
        string.Format(Inv, "RUN FINDING  {0} {1:0}%  frames {2}-{3}  {4:0.0} s{5}", finding.Box.ClassName, finding.Box.Confidence * 100f,
            finding.FirstFrame, finding.LastFrame, Math.Max(0, age.TotalSeconds), finding.RunEnded ? ", run ended" : "");
}
