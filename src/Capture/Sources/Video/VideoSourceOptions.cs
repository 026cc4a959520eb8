namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>How a video feed is read: the image area, grey-level mapping, new-frame rule, pacing and fault timings.</summary>
public sealed record VideoSourceOptions
{
    /// <summary>The image area; null: the whole picture, or found by <see cref="RoiFinder"/> when <see cref="AutoRoi"/>.</summary>
    public VideoRoi? Roi { get; init; }

    public bool AutoRoi { get; init; }

    /// <summary>How long <c>--roi auto</c> watches before choosing (those pictures are then analysed too, none lost).</summary>
    public TimeSpan AutoRoiDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Called once with the image area <c>--roi auto</c> found.</summary>
    public Action<VideoRoi>? OnAutoRoi { get; init; }

    public VideoGreyMapping Grey { get; init; } = VideoGreyMapping.FullRange;

    public NewFrameRule Rule { get; init; } = NewFrameRule.Default;

    /// <summary>A file's pace: 1 = its own frame rate (FFmpeg -readrate), 2 twice as fast, null as fast as it is read.</summary>
    public double? ReadRate { get; init; } = 1;

    /// <summary>No picture for this long: "video signal lost" (the source keeps waiting, and reopens a live input that ended).</summary>
    public TimeSpan SignalTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait before reopening a live input that ended or could not be opened (device absent or busy).</summary>
    public TimeSpan ReopenDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long FFmpeg may take to open the input and describe its stream.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The FFmpeg program (a name on PATH or a path).</summary>
    public string Program { get; init; } = "ffmpeg";

    /// <summary>Write what the new-frame rule measured on every video frame to this CSV (threshold tuning), or null.</summary>
    public string? TracePath { get; init; }
}
