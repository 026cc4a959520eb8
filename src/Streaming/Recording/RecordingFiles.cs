namespace OccluNet.Live.Streaming.Recording;

/// <summary>The names inside a recording folder.</summary>
internal static class RecordingFiles
{
    /// <summary>Detections and frame log, JSON Lines, flushed after every line.</summary>
    public const string Detections = "detections.jsonl";

    /// <summary>The frames of run <paramref name="run"/> as received, one multi-frame XA file.</summary>
    public static string Run(int run) => $"run-{run:D3}.dcm";
}
