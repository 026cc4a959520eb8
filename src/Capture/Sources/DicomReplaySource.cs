using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Sources;

/// <summary>How a replay runs: speed factor on the file's own timing (null: as fast as possible), loop, fps where the file has none.</summary>
public sealed record ReplayOptions
{
    /// <summary>2 plays twice as fast as acquired; null delivers frames as fast as they decode.</summary>
    public double? Speed { get; init; } = 1;
    public bool Loop { get; init; }
    public double FallbackFps { get; init; } = FrameTiming.DefaultFps;
}

/// <summary>
/// Replays a DICOM file, or every file of a folder in name order, at the files' own frame timing x speed. Frames are
/// decoded one at a time, just before they are due. A file or frame that cannot be read is reported as a fault and
/// skipped. In a folder, files that are not DICOM by content (JSON sidecars, READMEs, scripts) are passed over quietly
/// (debug log): a folder of runs normally holds them. A file named on its own is always tried, so a wrong file is a fault.
/// Each file is one run: its last frame is marked <see cref="Frame.EndsRun"/>.
/// </summary>
public sealed class DicomReplaySource : IFrameSource
{
    readonly string path;
    readonly ReplayOptions options;
    readonly TimeProvider time;
    readonly ILogger logger;

    public DicomReplaySource(string path, ReplayOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        this.path = path;
        this.options = options ?? new ReplayOptions();
        if (this.options.Speed is { } speed && (speed <= 0 || !double.IsFinite(speed))) throw new ArgumentOutOfRangeException(nameof(options), "speed must be positive");
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(path));

    /// <summary>Frames one pass replays (a file that cannot be read counts none): the total of a progress display.</summary>
    public int CountFrames() => ListFiles().Sum(file => RunReader.TryOpen(file, options.FallbackFps, _ => { }, NullLogger.Instance)?.Pixels.FrameCount ?? 0);

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = ListFiles();
        if (files.Length == 0)
        {
            onFault(new SourceFault(Name, null, $"no DICOM files to replay in {path}"));
            yield break;
        }
        do
        {
            var delivered = 0;
            foreach (var file in files)
            {
                await foreach (var frame in ReplayFileAsync(file, onFault, cancellationToken).ConfigureAwait(false))
                {
                    delivered++;
                    yield return frame;
                }
            }
            if (delivered == 0) yield break; // nothing replayable: looping would spin
        } while (options.Loop && !cancellationToken.IsCancellationRequested);
    }

    string[] ListFiles()
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) return [];
        return Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)
            .Where(IsDicomByContent).ToArray();
    }

    bool IsDicomByContent(string path)
    {
        if (DicomFile.LooksLikeDicom(path)) return true;
        logger.LogDebug("Replay: {File} is not a DICOM file; skipped", Path.GetFileName(path));
        return false;
    }

    async IAsyncEnumerable<Frame> ReplayFileAsync(string path, Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = RunReader.TryOpen(path, options.FallbackFps, onFault, logger);
        if (run is null) yield break;
        var pacer = options.Speed is { } speed ? new ReplayPacer(speed, time) : null;
        for (var i = 0; i < run.Pixels.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pacer is not null) await pacer.WaitForAsync(TimeSpan.FromSeconds(run.Timing.Seconds[i]), cancellationToken).ConfigureAwait(false);
            // A file is one run: its last frame ends it.
            if (RunReader.TryReadFrame(run, i, onFault) is { } frame) yield return i == run.Pixels.FrameCount - 1 ? frame with { EndsRun = true } : frame;
        }
    }
}
