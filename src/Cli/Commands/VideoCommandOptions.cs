using System.CommandLine;
using OccluNet.Live.Capture.Sources.Video;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The options of the video input that `live --video`, `replay --video` and `bench latency --video` share.</summary>
internal sealed class VideoCommandOptions
{
    public Option<string?> Roi { get; } = new("--roi") { Description = "With --video: the image area on the monitor, X,Y,W,H in picture pixels, or auto (found in the first 3 s and printed). Default: the whole picture." };
    public Option<string?> Window { get; } = new("--video-window") { Description = "With --video: the system's display window in stored values, CENTER,WIDTH[,inverted], to map grey levels back (default: 512,1024, the full 10-bit range)." };
    public Option<string?> Trace { get; } = new("--video-trace") { Description = "With --video: write what the new-frame rule measured on every picture to this CSV." };

    public void AddTo(Command command)
    {
        command.Options.Add(Roi);
        command.Options.Add(Window);
        command.Options.Add(Trace);
    }

    /// <summary>The source options, or null and a one-line message on a user error (ffmpeg missing included).</summary>
    public VideoSourceOptions? Build(ParseResult parse, string command, TextWriter console, out string? error)
    {
        error = FfmpegProblem(command);
        if (error is not null) return null;
        var options = new VideoSourceOptions { TracePath = parse.GetValue(Trace) };
        try
        {
            if (parse.GetValue(Roi) is string roi)
            {
                options = roi.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase)
                    ? options with { AutoRoi = true, OnAutoRoi = found => console.WriteLine($"{command}: --roi auto found the image area {found} (use --roi {found} to fix it)") }
                    : options with { Roi = VideoRoi.Parse(roi) };
            }
            if (parse.GetValue(Window) is string window) options = options with { Grey = VideoGreyMapping.Parse(window) };
        }
        catch (FormatException e)
        {
            error = $"{command}: {e.Message}";
            return null;
        }
        return options;
    }

    /// <summary>Whether the video-only options were given without --video.</summary>
    public bool AnyGiven(ParseResult parse) => parse.GetValue(Roi) is not null || parse.GetValue(Window) is not null || parse.GetValue(Trace) is not null;

    /// <summary>Null when an ffmpeg program is on PATH; else the message naming the Debian package.</summary>
    public static string? FfmpegProblem(string command)
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Any(f => File.Exists(Path.Combine(f, "ffmpeg")))
            ? null
            : $"{command}: --video needs ffmpeg, which is not on PATH: install the Debian package '{FfmpegMissingException.DebianPackage}' (sudo apt-get install {FfmpegMissingException.DebianPackage}, or scripts/setup-debian.sh)";
    }
}
