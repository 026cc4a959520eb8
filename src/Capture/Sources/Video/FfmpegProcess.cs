using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// One FFmpeg child process that decodes any FFmpeg input to raw 8-bit grey pictures on its stdout
/// (<c>-f rawvideo -pix_fmt gray -</c>, every decoded frame once). The picture size and frame rate are read from the
/// output stream line FFmpeg prints on stderr before the first picture; the last stderr lines are kept for error messages.
/// FFmpeg's <c>showinfo</c> filter reports every picture's coding on stderr before the picture reaches stdout: whether it
/// was a key picture (<see cref="IsKeyPictureAsync"/>), which the new-frame rule needs to tell a codec refresh from a new image.
/// </summary>
internal sealed partial class FfmpegProcess : IDisposable
{
    readonly Process process;
    readonly Stream stdout;
    readonly Queue<string> lastErrors = new();
    readonly TaskCompletionSource<(int Width, int Height, double Fps)?> stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Task stderr;
    readonly Channel<(long Number, bool Key)> keyPictures = Channel.CreateUnbounded<(long Number, bool Key)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    bool inOutput, keyPicturesLate;

    FfmpegProcess(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.BaseStream;
        stderr = Task.Run(ReadErrorsAsync);
    }

    /// <summary>The arguments FFmpeg gets: the user's input arguments between fixed options and the raw grey output.</summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> input, double? readRate) =>
    [
        "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
        .. readRate is double r ? new[] { "-readrate", r.ToString(CultureInfo.InvariantCulture) } : [],
        .. input,
        "-map", "0:v:0", "-an", "-sn", "-fps_mode", "passthrough", "-vf", "showinfo=checksum=0,format=gray", "-f", "rawvideo", "-pix_fmt", "gray", "-",
    ];

    /// <exception cref="FfmpegMissingException">No ffmpeg program on PATH.</exception>
    public static FfmpegProcess Start(IReadOnlyList<string> input, double? readRate, string program = "ffmpeg")
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string a in Arguments(input, readRate)) info.ArgumentList.Add(a);
        try
        {
            return new FfmpegProcess(Process.Start(info) ?? throw new FfmpegMissingException($"{program} did not start"));
        }
        catch (Win32Exception e)
        {
            throw new FfmpegMissingException($"{program} was not found ({e.Message}): install the Debian package '{FfmpegMissingException.DebianPackage}' (sudo apt-get install {FfmpegMissingException.DebianPackage}, or scripts/setup-debian.sh)");
        }
    }

    /// <summary>The output picture size and frame rate (0 when FFmpeg did not say), or null when FFmpeg ended first.</summary>
    public async Task<(int Width, int Height, double Fps)?> StreamAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task finished = await Task.WhenAny(stream.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return finished == stream.Task ? await stream.Task.ConfigureAwait(false) : null;
    }

    /// <summary>Fills <paramref name="picture"/> with the next picture; false at the end of the stream (a partial picture is dropped).</summary>
    public async ValueTask<bool> ReadPictureAsync(Memory<byte> picture, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < picture.Length)
        {
            int n = await stdout.ReadAsync(picture[filled..], cancellationToken).ConfigureAwait(false);
            if (n == 0) return false;
            filled += n;
        }
        return true;
    }

    /// <summary>
    /// Whether picture <paramref name="number"/> (counted from 0) was coded as a key (intra) picture. FFmpeg writes its
    /// showinfo line before the picture, so the line is waited for only as long as the stderr reader may lag; if it is
    /// ever later than that (an FFmpeg that does not report it), lines are no longer waited for and a picture without one
    /// counts as not key.
    /// </summary>
    public async ValueTask<bool> IsKeyPictureAsync(long number, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (keyPictures.Reader.TryPeek(out var picture) && picture.Number <= number)
            {
                keyPictures.Reader.TryRead(out _);
                if (picture.Number == number) return picture.Key;
            }
            if (keyPicturesLate) return false;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(KeyPictureWait);
            try
            {
                if (!await keyPictures.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) return false;
                if (keyPictures.Reader.TryPeek(out var next) && next.Number > number) return false;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                keyPicturesLate = true;
                return false;
            }
        }
    }

    static readonly TimeSpan KeyPictureWait = TimeSpan.FromSeconds(2);

    /// <summary>The last lines FFmpeg wrote on stderr (why it could not open or went on), once it has ended.</summary>
    public async Task<string> ErrorAsync()
    {
        await stderr.ConfigureAwait(false);
        lock (lastErrors) return lastErrors.Count == 0 ? $"ffmpeg ended (exit code {ExitCode()})" : string.Join("; ", lastErrors);
    }

    string ExitCode()
    {
        try { return process.WaitForExit(2000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running"; }
        catch (InvalidOperationException) { return "unknown"; }
    }

    async Task ReadErrorsAsync()
    {
        try
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is string line)
            {
                if (line.StartsWith("[Parsed_showinfo_", StringComparison.Ordinal))
                {
                    if (ShowInfoPicture().Match(line) is { Success: true } info) keyPictures.Writer.TryWrite((long.Parse(info.Groups["n"].Value, CultureInfo.InvariantCulture), info.Groups["key"].Value == "1"));
                    continue;
                }
                if (line.StartsWith("Output #0", StringComparison.Ordinal)) inOutput = true;
                else if (inOutput && OutputStreamLine().Match(line) is { Success: true } m)
                {
                    inOutput = false;
                    double fps = m.Groups["fps"].Success ? double.Parse(m.Groups["fps"].Value, CultureInfo.InvariantCulture) : 0;
                    stream.TrySetResult((int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), fps));
                }
                if (IsNoise(line)) continue;
                lock (lastErrors)
                {
                    lastErrors.Enqueue(line.Trim());
                    if (lastErrors.Count > 3) lastErrors.Dequeue();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was killed while its stderr was read.
        }
        finally
        {
            stream.TrySetResult(null);
            keyPictures.Writer.TryComplete();
        }
    }

    /// <summary>Stream descriptions and metadata are not errors worth repeating.</summary>
    static bool IsNoise(string line) => line.StartsWith(' ') || line.StartsWith("Input #", StringComparison.Ordinal)
        || line.StartsWith("Output #", StringComparison.Ordinal) || line.StartsWith("Stream mapping", StringComparison.Ordinal)
        || line.StartsWith("Press [q]", StringComparison.Ordinal) || line.Length == 0;

    [GeneratedRegex(@"Video: rawvideo.*?, (?<w>\d{2,5})x(?<h>\d{2,5})(?:.*?, (?<fps>\d+(?:\.\d+)?) fps)?")]
    private static partial Regex OutputStreamLine();

    /// <summary>showinfo's line for one picture (its other lines describe side data and colour).</summary>
    [GeneratedRegex(@"\] n: *(?<n>\d+) .* iskey:(?<key>[01]) ")]
    private static partial Regex ShowInfoPicture();

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        process.Dispose();
    }
}
