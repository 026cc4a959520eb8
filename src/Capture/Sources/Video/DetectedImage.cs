namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// A new DSA image found in the video: whether it starts a new run (and why), and when it was first shown (video time,
/// and the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the video frame that first showed it).
/// </summary>
internal sealed record DetectedImage(bool StartsRun, string? RunReason, TimeSpan FirstShown, long FirstShownTimestamp);
