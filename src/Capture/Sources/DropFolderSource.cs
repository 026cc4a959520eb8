using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Sources;

/// <summary>How the drop folder is watched.</summary>
public sealed record DropFolderOptions
{
    /// <summary>How often the folder is listed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A file counts as complete once its size and write time have not changed for this long.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    public double FallbackFps { get; init; } = FrameTiming.DefaultFps;
}

/// <summary>
/// Watches a folder that a DICOM store SCP (e.g. dcmtk's storescp) writes into, by polling (no watcher thread).
/// Each new file is taken once it is complete (size and write time steady for <see cref="DropFolderOptions.SettleTime"/>),
/// read once and never again (by path), its frames delivered as fast as they decode. Files that are not DICOM are
/// ignored with a warning; files that vanish are forgotten; broken DICOM files are reported as faults.
/// Runs until cancelled.
/// </summary>
public sealed class DropFolderSource : IFrameSource
{
    readonly string _folder;
    readonly DropFolderOptions _options;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    readonly Dictionary<string, (long Length, DateTime Written, long SeenAt)> _pending = new(StringComparer.Ordinal);

    public DropFolderSource(string folder, DropFolderOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _folder = folder;
        _options = options ?? new DropFolderOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(_folder));

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder)) onFault(new SourceFault(Name, null, $"drop folder {_folder} does not exist (yet); waiting for it"));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var path in CompleteNewFiles())
            {
                _taken.Add(path);
                if (!DicomFile.LooksLikeDicom(path))
                {
                    if (File.Exists(path)) _logger.LogWarning("Drop folder: {File} is not a DICOM file; ignored", Path.GetFileName(path));
                    continue;
                }
                var run = RunReader.TryOpen(path, _options.FallbackFps, onFault, _logger);
                if (run is null) continue;
                for (var i = 0; i < run.Pixels.FrameCount; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (RunReader.TryReadFrame(run, i, onFault) is { } frame) yield return frame;
                }
            }
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Files not taken yet whose size and write time have been steady for the settle time, oldest first.</summary>
    List<string> CompleteNewFiles()
    {
        var complete = new List<(string Path, DateTime Written)>();
        var now = _time.GetTimestamp();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ListFolder())
        {
            if (_taken.Contains(path)) continue;
            present.Add(path);
            var info = new FileInfo(path);
            long length;
            DateTime written;
            try
            {
                if (!info.Exists) continue;
                length = info.Length;
                written = info.LastWriteTimeUtc;
            }
            catch (IOException) { continue; } // vanished between listing and looking
            if (!_pending.TryGetValue(path, out var seen) || seen.Length != length || seen.Written != written)
            {
                _pending[path] = (length, written, now);
                continue;
            }
            if (_time.GetElapsedTime(seen.SeenAt) >= _options.SettleTime) complete.Add((path, written));
        }
        foreach (var gone in _pending.Keys.Where(p => !present.Contains(p)).ToList()) _pending.Remove(gone);
        foreach (var (path, _) in complete) _pending.Remove(path);
        return complete.OrderBy(c => c.Written).ThenBy(c => c.Path, StringComparer.Ordinal).Select(c => c.Path).ToList();
    }

    IEnumerable<string> ListFolder()
    {
        try
        {
            return Directory.GetFiles(_folder).Where(f => !Path.GetFileName(f).StartsWith('.'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
