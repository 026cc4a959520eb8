using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources.Video;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Capture.Writing;

/// <summary>One run as placed in a layout video: the file (full path), its window, and the first picture that shows each frame.</summary>
public sealed record LayoutRun(string File, int Frames, double WindowCenter, double WindowWidth, IReadOnlyList<long> FirstPictures);

/// <summary>What <see cref="MonitorLayoutVideo"/> wrote: the image area (the true ROI), the runs in order, the picture count.</summary>
public sealed record LayoutManifest(string Video, int Width, int Height, int Fps, int RoiX, int RoiY, int RoiWidth, int RoiHeight, long Pictures, IReadOnlyList<LayoutRun> Runs)
{
    public VideoRoi Roi => new(RoiX, RoiY, RoiWidth, RoiHeight);

    /// <summary>The manifest beside a video: OUT.mp4 → OUT.layout.json.</summary>
    public static string PathFor(string video) => Path.ChangeExtension(video, ".layout.json");

    public static LayoutManifest Read(string path) =>
        JsonSerializer.Deserialize<LayoutManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty layout manifest");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>
/// A test video of DSA runs as a suite's video output shows them (<see cref="MonitorLayout"/>): each DSA frame windowed
/// to 8 bits as a modality display does (the run's own window, else its full range; <see cref="VideoGreyMapping.Display"/>)
/// and held for its acquisition interval, the layout composed and encoded by FFmpeg (libx264, yuv420p). The exact image
/// area and the first picture of each DSA frame go to a manifest beside the video (<see cref="LayoutManifest"/>).
/// </summary>
public static class MonitorLayoutVideo
{
    const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <exception cref="ArgumentException">No runs, or runs of different image sizes.</exception>
    /// <exception cref="IOException">FFmpeg missing or failed.</exception>
    /// <param name="progress">Runs encoded of all the runs.</param>
    public static LayoutManifest Write(IReadOnlyList<string> runFiles, string output, MonitorLayout layout, CancellationToken cancellationToken = default,
        IProgress<WorkProgress>? progress = null)
    {
        if (runFiles.Count == 0) throw new ArgumentException("no DICOM runs to put into the video");
        var runs = runFiles.Select(f => DicomRun.Open(f)).ToList();
        int rows = runs[0].Series.Rows, columns = runs[0].Series.Columns;
        if (runs.FirstOrDefault(r => r.Series.Rows != rows || r.Series.Columns != columns) is { } other)
            throw new ArgumentException($"{other.File.FileName} is {other.Series.Columns}x{other.Series.Rows}, {runs[0].File.FileName} {columns}x{rows}: one video holds runs of one image size");
        if (layout.ImageX + columns * 3 / 2 + 40 > layout.Width || layout.ImageY + rows > layout.Height)
            throw new ArgumentException($"a {columns}x{rows} image and its half-size panel do not fit at {layout.ImageX},{layout.ImageY} on {layout.Width}x{layout.Height}");

        using var ffmpeg = StartEncoder(output, layout, columns, rows);
        Stream input = ffmpeg.StandardInput.BaseStream;
        Task<string> errors = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        var placed = new List<LayoutRun>();
        long picture = 0;
        var black = new byte[columns * rows];
        var shown = new byte[columns * rows];
        WriteHeld(black, layout.LeadSeconds);
        progress?.Report(new WorkProgress(0, runs.Count));
        foreach (var run in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grey = WindowOf(run);
            var frames = Enumerable.Range(0, run.Pixels.FrameCount).Select(i => Windowed(run.ReadFrame(i).Pixels, grey)).ToList();
            var times = run.Timing.Seconds;
            double lastInterval = frames.Count > 1 ? times[^1] - times[^2] : 1.0 / FrameTiming.DefaultFps;
            double start = (double)picture / layout.Fps;
            var firsts = new List<long>();
            for (int k = 0; k < frames.Count; k++)
            {
                long from = Math.Max(picture, (long)Math.Ceiling((start + times[k]) * layout.Fps));
                long until = (long)Math.Ceiling((start + (k + 1 < frames.Count ? times[k + 1] : times[k] + lastInterval)) * layout.Fps);
                until = Math.Max(until, from + 1);
                firsts.Add(from);
                byte[] previous = k > 0 ? frames[k - 1] : black;
                while (picture < until)
                {
                    long into = picture - from;
                    if (k > 0 && into < layout.FadePictures) Blend(previous, frames[k], (into + 1.0) / (layout.FadePictures + 1), shown);
                    else frames[k].CopyTo(shown, 0);
                    Write(shown);
                }
            }
            placed.Add(new LayoutRun(Path.GetFullPath(runFiles[placed.Count]), frames.Count, grey.WindowCenter, grey.WindowWidth, firsts));
            WriteHeld(black, layout.GapSeconds);
            progress?.Report(new WorkProgress(placed.Count, runs.Count, run.File.FileName));
        }
        input.Close();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0) throw new IOException($"ffmpeg failed to encode {output} (exit code {ffmpeg.ExitCode}): {LastLine(errors.GetAwaiter().GetResult())}");
        var manifest = new LayoutManifest(Path.GetFileName(output), layout.Width, layout.Height, layout.Fps, layout.ImageX, layout.ImageY, columns, rows, picture, placed);
        File.WriteAllText(LayoutManifest.PathFor(output), JsonSerializer.Serialize(manifest, LayoutManifest.Json));
        return manifest;

        void Write(byte[] image)
        {
            input.Write(image);
            picture++;
        }

        void WriteHeld(byte[] image, double seconds)
        {
            for (long n = (long)Math.Round(seconds * layout.Fps); n > 0; n--) Write(image);
        }
    }

    /// <summary>The window a modality display would use: the run's own, else its full stored range.</summary>
    static VideoGreyMapping WindowOf(DicomRun run)
    {
        var s = run.Series;
        double full = (1 << s.BitsStored) - 1;
        return s.WindowCenter is double c && s.WindowWidth is double w && w >= 1
            ? new VideoGreyMapping(c, w, s.IsMonochrome1, s.BitsStored)
            : new VideoGreyMapping((full + 1) / 2, full + 1, s.IsMonochrome1, s.BitsStored);
    }

    static byte[] Windowed(ushort[] stored, VideoGreyMapping grey)
    {
        var table = new byte[1 << grey.BitsStored];
        for (int v = 0; v < table.Length; v++) table[v] = grey.Display(v);
        var shown = new byte[stored.Length];
        for (int i = 0; i < stored.Length; i++) shown[i] = table[Math.Min(stored[i], table.Length - 1)];
        return shown;
    }

    static void Blend(byte[] from, byte[] to, double share, byte[] into)
    {
        for (int i = 0; i < into.Length; i++) into[i] = (byte)Math.Round(from[i] + (to[i] - from[i]) * share);
    }

    static Process StartEncoder(string output, MonitorLayout layout, int columns, int rows)
    {
        string font = File.Exists(Font) ? $"fontfile={Font}:" : "";
        string w = columns.ToString(CultureInfo.InvariantCulture), h = rows.ToString(CultureInfo.InvariantCulture);
        string x = layout.ImageX.ToString(CultureInfo.InvariantCulture), y = layout.ImageY.ToString(CultureInfo.InvariantCulture);
        string panelX = (layout.ImageX + columns + 40).ToString(CultureInfo.InvariantCulture);
        string graph = string.Join(";",
            $"color=c=0x202428:s={layout.Width}x{layout.Height}:r={layout.Fps}[canvas]",
            "[0:v]split[image][copy]",
            "[copy]scale=iw/2:ih/2[panel]",
            $"[canvas][image]overlay={x}:{y}:shortest=1[a]",
            $"[a][panel]overlay={panelX}:{y}[b]",
            $"color=c=white:s=14x22:r={layout.Fps}[cursor]",
            $"[b][cursor]overlay=x='{x}+{w}/2+{w}*0.6*sin(t*0.8)':y='{y}+{h}/2+{h}*0.55*cos(t*0.55)':eval=frame:shortest=1[c]",
            $"[c]drawtext={font}text='DSA  LIVE  %{{pts\\:hms}}':x=40:y=40:fontsize=32:fontcolor=white,drawtext={font}text='picture %{{n}}':x=40:y={layout.Height - 60}:fontsize=24:fontcolor=0xb0b0b0[out]");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])
        [
            "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "gray", "-s", $"{w}x{h}", "-framerate", layout.Fps.ToString(CultureInfo.InvariantCulture), "-i", "-",
            "-filter_complex", graph, "-map", "[out]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", layout.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p",
            .. layout.KeyInterval is int keys ? new[] { "-g", keys.ToString(CultureInfo.InvariantCulture) } : [],
            "-r", layout.Fps.ToString(CultureInfo.InvariantCulture), output,
        ]) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new IOException("ffmpeg did not start");
        }
        catch (Win32Exception e)
        {
            throw new IOException($"ffmpeg was not found ({e.Message}): install the Debian package '{FfmpegMissingException.DebianPackage}'");
        }
    }

    static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
