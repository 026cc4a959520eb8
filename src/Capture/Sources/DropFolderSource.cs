using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Sources;

/// <summary>How the drop folder is watched.</summary>
public sealed record DropFolderOptions
{
    /// <summary>How often the folder is listed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A file is taken once it is a complete DICOM (every frame decodes) AND its size and write time have not changed for this long.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A file that stays unchanged this long without becoming complete (a sender that died mid-file) is taken as it is:
    /// its readable frames are delivered and the rest reported lost.
    /// </summary>
    public TimeSpan IncompleteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public double FallbackFps { get; init; } = FrameTiming.DefaultFps;
}

/// <summary>
/// Watches a folder that a DICOM store SCP (e.g. dcmtk's storescp) writes into, by polling (no watcher thread), so that a
/// slow or bursty sender cannot fool it:
/// <list type="bullet">
/// <item>a file is taken when it is complete: a DICOM whose every frame decodes (it parses to its declared end) AND whose
/// size and write time have been still for <see cref="DropFolderOptions.SettleTime"/>; an incomplete one is said to be
/// waiting (once per change) and taken as broken only after <see cref="DropFolderOptions.IncompleteTimeout"/> unchanged;</item>
/// <item>a file that changes after it was taken (grows, is rewritten or replaced) is read again as a new version;</item>
/// <item>a file with the SOP Instance UID and content of one already taken is a duplicate: said, not analysed again;</item>
/// <item>every file seen gets a notice saying what happened to it (taken, waiting, duplicate, not DICOM, vanished);</item>
/// <item>single-frame instances of one series, one after another, are the frames of one run (see <see cref="NextOfSeries"/>).</item>
/// </list>
/// Frames of a taken file are delivered as fast as they decode; those of a multi-frame file are marked
/// <see cref="Frame.ArrivedWhole"/> (the run came at once, after its acquisition). Runs until cancelled.
/// </summary>
public sealed class DropFolderSource : IFrameSource
{
    readonly string folder;
    readonly DropFolderOptions options;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly Dictionary<string, Watched> files = new(StringComparer.Ordinal);
    readonly Dictionary<string, (string Sha256, string File)> instances = new(StringComparer.Ordinal); // SOP Instance UID -> content
    (string SeriesUid, int Frames)? singleFrameSeries; // the series of the single-frame instances taken in a row, and how many

    public DropFolderSource(string folder, DropFolderOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        this.folder = folder;
        this.options = options ?? new DropFolderOptions();
        if (this.options.IncompleteTimeout < this.options.SettleTime) throw new ArgumentOutOfRangeException(nameof(options), "IncompleteTimeout must not be shorter than SettleTime");
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));

    public IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, CancellationToken cancellationToken) =>
        ReadAsync(onFault, notice => logger.LogInformation("Drop folder: {Notice}", notice.Message), cancellationToken);

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, Action<SourceNotice> onNotice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) onFault(new SourceFault(Name, null, $"drop folder {folder} does not exist (yet); waiting for it"));
        void Notice(string message) => onNotice(new SourceNotice(Name, message));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (path, watched) in Poll(Notice))
            {
                if (Inspect(path, watched, onFault, Notice) is not { } taken) continue;
                foreach (var frame in taken) yield return frame;
            }
            await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Files whose size and write time have been still for the settle time and that were not inspected so, oldest first.</summary>
    List<(string Path, Watched File)> Poll(Action<string> notice)
    {
        var now = time.GetTimestamp();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var ready = new List<(string Path, Watched File)>();
        foreach (var path in ListFolder())
        {
            if (Stat(path) is not { } signature) continue;
            present.Add(path);
            if (!files.TryGetValue(path, out var watched)) files[path] = watched = new Watched(signature, now);
            if (watched.Signature != signature)
            {
                watched.Changed(signature, now);
                continue;
            }
            if (watched.Settled(signature)) continue;
            var still = time.GetElapsedTime(watched.StillSince);
            if (still < options.SettleTime) continue;
            if (watched.FoundIncomplete && still < options.IncompleteTimeout) continue;
            ready.Add((path, watched));
        }
        foreach (var gone in files.Keys.Where(p => !present.Contains(p)).ToList())
        {
            if (!files[gone].Settled(files[gone].Signature)) notice($"{Path.GetFileName(gone)}: vanished before it was complete; nothing taken");
            files.Remove(gone);
        }
        return ready.OrderBy(r => r.File.Signature.Written).ThenBy(r => r.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads a still file: its frames when complete (or when it stayed incomplete past the timeout), null while it is worth waiting.</summary>
    List<Frame>? Inspect(string path, Watched watched, Action<SourceFault> onFault, Action<string> notice)
    {
        string name = Path.GetFileName(path);
        bool timedOut = watched.FoundIncomplete || time.GetElapsedTime(watched.StillSince) >= options.IncompleteTimeout;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // vanished or locked between listing and reading: looked at again next poll
        }
        if (bytes.Length >= 132 && !FileFormatDetector.LooksLikeDicom(bytes[..Math.Min(256, bytes.Length)]))
        {
            watched.Take();
            notice($"{name}: not a DICOM file; ignored");
            logger.LogWarning("Drop folder: {File} is not a DICOM file; ignored", name);
            return [];
        }
        var reading = RunReader.ReadAll(bytes, name, options.FallbackFps);
        if (!reading.IsComplete && !reading.Refused && !timedOut)
        {
            watched.FoundIncomplete = true;
            notice($"{name}: incomplete ({bytes.Length} bytes: {reading.Problem}); waiting until it is complete");
            return null;
        }
        watched.Take();
        if (reading.Run is null)
        {
            if (bytes.Length < 132) notice($"{name}: {bytes.Length} bytes, unchanged for {options.IncompleteTimeout.TotalSeconds:0.#} s: not a DICOM file; ignored");
            else onFault(new SourceFault(name, null, $"{reading.Problem}{(timedOut && !reading.Refused ? $" (unchanged for {options.IncompleteTimeout.TotalSeconds:0.#} s)" : "")}"));
            return [];
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string instance = reading.Run.File.DataSet.GetString(DicomTags.SopInstanceUid) ?? $"file:{name}";
        string version = watched.Version > 1 ? $" version {watched.Version} (changed after it was read)" : "";
        if (instances.TryGetValue(instance, out var earlier) && earlier.Sha256 == sha)
        {
            notice($"{name}{version}: duplicate of {earlier.File} (same instance, same content); not analysed again");
            return [];
        }
        string remarks = instances.ContainsKey(instance) ? $"; replaces the instance of {instances[instance].File} (same instance, new content)" : "";
        if (reading.Run.SubtractionDescription is { } subtraction) remarks += $"; native run, subtracted by the reader ({subtraction})";
        instances[instance] = (sha, name);
        foreach (var fault in reading.Faults) onFault(fault);
        notice(reading.IsComplete
            ? $"{name}{version}: taken, {reading.Frames.Count} frame(s){remarks}"
            : $"{name}{version}: taken incomplete after {options.IncompleteTimeout.TotalSeconds:0.#} s unchanged: {reading.Frames.Count} of {reading.Run.Pixels.FrameCount} frame(s) readable{remarks}");
        if (reading.Run.Pixels.FrameCount == 1 && reading.Frames.Count == 1) return [NextOfSeries(reading.Frames[0], reading.Run)];
        singleFrameSeries = null;
        // A multi-frame file is a whole run: no frame of it follows, so its last frame ends the run (its finding comes at once).
        return reading.Frames.Count > 1
            ? reading.Frames.Select((f, i) => f with { ArrivedWhole = true, EndsRun = i == reading.Frames.Count - 1 }).ToList()
            : reading.Frames;
    }

    /// <summary>
    /// A single-frame instance is one frame of its series (senders that store each frame as an instance, as some
    /// fluoroscopy systems do): numbered by arrival among the single-frame instances of that series taken in a row, so
    /// the run goes on from file to file instead of each file being a one-frame run that no window ever covers. Arrival
    /// order, not Instance Number: the index must grow for the run to go on, and senders store frames in acquisition order.
    /// Its time is its index times the file's frame interval (Frame Time, Cine Rate, else the configured fps).
    /// </summary>
    Frame NextOfSeries(Frame frame, DicomRun run)
    {
        string series = frame.Series.SeriesInstanceUid;
        int index = singleFrameSeries is { } last && last.SeriesUid == series ? last.Frames : 0;
        singleFrameSeries = (series, index + 1);
        // The file's interval between two frames; a one-frame file's Frame Time Vector ([0]) says none, so the configured fps.
        double interval = FrameTiming.From(run.File.DataSet, 2, options.FallbackFps).Seconds[1];
        if (interval <= 0) interval = 1 / options.FallbackFps;
        return frame with { Index = index, Time = TimeSpan.FromSeconds(index * interval) };
    }

    (long Length, DateTime Written)? Stat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (IOException)
        {
            return null; // vanished between listing and looking
        }
    }

    IEnumerable<string> ListFolder()
    {
        try
        {
            return Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>One file's watch state: its last signature, since when it has been still, and the signature last taken.</summary>
    sealed class Watched((long Length, DateTime Written) signature, long now)
    {
        (long Length, DateTime Written)? taken;

        public (long Length, DateTime Written) Signature { get; private set; } = signature;
        public long StillSince { get; private set; } = now;
        public bool FoundIncomplete { get; set; }

        /// <summary>1 for the first content taken, 2 after it changed and was taken again, ...</summary>
        public int Version { get; private set; }

        public bool Settled((long Length, DateTime Written) signature) => taken == signature;

        public void Changed((long Length, DateTime Written) signature, long now)
        {
            Signature = signature;
            StillSince = now;
            FoundIncomplete = false;
        }

        public void Take()
        {
            taken = Signature;
            FoundIncomplete = false;
            Version++;
        }
    }
}
