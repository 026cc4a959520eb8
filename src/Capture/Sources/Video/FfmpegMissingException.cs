namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>The ffmpeg program is not installed (the message names the Debian package).</summary>
public sealed class FfmpegMissingException(string message) : Exception(message)
{
    /// <summary>The Debian/Ubuntu package that provides the ffmpeg program.</summary>
    public const string DebianPackage = "ffmpeg";
}
