using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// DSA frames from a video feed (a frame grabber on the angiography system's video output, a network stream, a screen,
/// a video file), through an FFmpeg child process (<see cref="FfmpegProcess"/>). A reader task takes every video
/// picture, cuts the ROI, and lets <see cref="NewFrameDetector"/> decide which pictures are new DSA frames; those are
/// mapped to stored values (<see cref="VideoGreyMapping"/>, the one place) and handed on, each run with its own series
/// UID. A frame carries the time the first video picture showing it was read (<see cref="Frame.ShownAt"/>), so latency
/// counts from there. Faults are reported, never thrown: ffmpeg missing ends the source; an input that cannot be opened
/// or ends is reopened (live) or ends the source (file); no picture for <see cref="VideoSourceOptions.SignalTimeout"/> sets
/// <see cref="SignalLost"/> until pictures come back; an ROI outside the picture ends the source.
/// </summary>
public sealed class VideoFrameSource : IFrameSource, ISignalSource
{
    readonly FfmpegInput input;
    readonly VideoSourceOptions options;
    readonly ILogger logger;
    readonly ushort[] toStored;
    readonly string studyUid = NewUid();
    long lastPicture = Stopwatch.GetTimestamp();
    int signalLost;

    public VideoFrameSource(FfmpegInput input, VideoSourceOptions? options = null, ILogger? logger = null)
    {
        this.input = input;
        this.options = options ?? new VideoSourceOptions();
        if (this.options.ReadRate is { } rate && (rate <= 0 || !double.IsFinite(rate))) throw new ArgumentOutOfRangeException(nameof(options), "read rate must be positive");
        this.logger = logger ?? NullLogger.Instance;
        toStored = this.options.Grey.ToStoredTable();
    }

    public string Name => input.Description;

    public bool SignalLost => Volatile.Read(ref signalLost) != 0;

    /// <summary>Video pictures read and DSA frames passed on so far (all passes).</summary>
    public long PicturesRead => Interlocked.Read(ref picturesRead);
    long picturesRead;

    public long FramesFound => Interlocked.Read(ref framesFound);
    long framesFound;

    /// <summary>The image area in use (after <c>--roi auto</c> chose it), or null before the first picture.</summary>
    public VideoRoi? Roi { get; private set; }

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reader = Task.Run(() => ProduceAsync(frames.Writer, onFault, stop.Token), CancellationToken.None);
        try
        {
            while (true)
            {
                Task<bool> ready = frames.Reader.WaitToReadAsync(cancellationToken).AsTask();
                while (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken)).ConfigureAwait(false) != ready)
                    CheckSignal(onFault);
                if (!await ready.ConfigureAwait(false)) break;
                while (frames.Reader.TryRead(out Frame? frame)) yield return frame;
            }
        }
        finally
        {
            stop.Cancel();
            try { await reader.ConfigureAwait(false); }
            catch (OperationCanceledException) { /* stopped with the enumeration */ }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    void CheckSignal(Action<SourceFault> onFault)
    {
        if (input.IsFile) return; // a file read more slowly than it plays is not a lost signal
        TimeSpan silent = Stopwatch.GetElapsedTime(Interlocked.Read(ref lastPicture));
        if (silent > options.SignalTimeout && Interlocked.Exchange(ref signalLost, 1) == 0)
            onFault(new SourceFault(Name, null, $"video signal lost: no picture for {silent.TotalSeconds:0.0} s; waiting for it"));
    }

    async Task ProduceAsync(ChannelWriter<Frame> frames, Action<SourceFault> onFault, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        using TextWriter? trace = options.TracePath is string path ? new StreamWriter(path) : null;
        trace?.WriteLine("picture,seconds,step,since_image,blank,passed,new_run,key,refresh");
        var run = new RunState();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                bool again = await ReadOneSessionAsync(frames, onFault, run, trace, cancellationToken).ConfigureAwait(false);
                if (!again || input.IsFile) break;
                Interlocked.Exchange(ref signalLost, 1);
                await Task.Delay(options.ReopenDelay, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The consumer stopped.
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            frames.TryComplete(failure);
        }
    }

    /// <summary>One FFmpeg process from start to end. Returns whether a live input should be reopened.</summary>
    async Task<bool> ReadOneSessionAsync(ChannelWriter<Frame> frames, Action<SourceFault> onFault, RunState run, TextWriter? trace, CancellationToken cancellationToken)
    {
        FfmpegProcess ffmpeg;
        try
        {
            ffmpeg = FfmpegProcess.Start(input.Arguments, input.IsFile ? options.ReadRate : null, options.Program);
        }
        catch (FfmpegMissingException e)
        {
            onFault(new SourceFault(Name, null, e.Message, e));
            return false;
        }
        using (ffmpeg)
        {
            if (await ffmpeg.StreamAsync(options.OpenTimeout, cancellationToken).ConfigureAwait(false) is not var (width, height, fps))
            {
                onFault(new SourceFault(Name, null, $"ffmpeg could not open {Name}: {await ffmpeg.ErrorAsync().ConfigureAwait(false)}"));
                return true;
            }
            if (fps <= 0)
            {
                fps = 30;
                logger.LogWarning("Video {Input}: FFmpeg gave no frame rate; video time assumes 30 fps", Name);
            }
            var pictures = new PictureReader(ffmpeg, width, height);
            List<VideoPicture> early = [];
            VideoRoi roi;
            if (options.AutoRoi && Roi is null)
            {
                early = await pictures.ReadManyAsync((int)Math.Ceiling(options.AutoRoiDuration.TotalSeconds * fps), this, cancellationToken).ConfigureAwait(false);
                if (RoiFinder.Find(early.Select(e => e.Pixels).ToList(), width, height, out string? problem) is not { } found)
                {
                    onFault(new SourceFault(Name, null, $"--roi auto: {problem}"));
                    return false;
                }
                roi = found;
                options.OnAutoRoi?.Invoke(found);
            }
            else roi = Roi ?? options.Roi ?? VideoRoi.Whole(width, height);
            if (roi.ProblemIn(width, height) is string outside)
            {
                onFault(new SourceFault(Name, null, outside));
                return false;
            }
            Roi = roi;
            logger.LogInformation("Video {Input}: {Width}x{Height} at {Fps} fps, ROI {Roi}, {Grey}", Name, width, height, fps, roi, options.Grey);
            run.Start(roi, options.Rule);
            var cut = new byte[roi.Width * roi.Height];
            foreach (VideoPicture picture in early) await ObserveAsync(picture).ConfigureAwait(false);
            early.Clear();
            while (await pictures.NextAsync(this, cancellationToken).ConfigureAwait(false) is { } next) await ObserveAsync(next).ConfigureAwait(false);
            if (input.IsFile) return false;
            onFault(new SourceFault(Name, null, $"video signal lost: the input ended ({await ffmpeg.ErrorAsync().ConfigureAwait(false)}); reopening it"));
            return true;

            async Task ObserveAsync(VideoPicture picture)
            {
                roi.Cut(picture.Pixels, width, cut);
                TimeSpan videoTime = TimeSpan.FromSeconds(picture.Number / fps);
                DetectedImage? image = run.Detector!.Observe(cut, videoTime, picture.Timestamp, picture.Key);
                if (trace is not null) Trace(trace, picture, run.Detector.LastMeasure, image);
                if (image is null) return;
                Interlocked.Increment(ref framesFound);
                await frames.WriteAsync(run.Next(image, ToStored(cut), Name, options, input.IsFile && options.ReadRate is null, studyUid, logger), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    ushort[] ToStored(byte[] display)
    {
        var stored = new ushort[display.Length];
        for (int i = 0; i < display.Length; i++) stored[i] = toStored[display[i]];
        return stored;
    }

    internal void PictureArrived(long timestamp)
    {
        Interlocked.Exchange(ref lastPicture, timestamp);
        Interlocked.Increment(ref picturesRead);
        if (Interlocked.Exchange(ref signalLost, 0) != 0) logger.LogInformation("Video {Input}: signal back", Name);
    }

    static void Trace(TextWriter trace, VideoPicture picture, FrameMeasure m, DetectedImage? image) =>
        trace.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{picture.Number},{m.VideoTime.TotalSeconds:0.000},{m.Step:0.0000},{m.SinceImage:0.0000},{m.Blank:0.000},{(image is null ? 0 : 1)},{(image?.StartsRun == true ? 1 : 0)},{(picture.Key ? 1 : 0)},{(m.Refresh ? 1 : 0)}"));

    static string NewUid() => $"2.25.{new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true)}";

    /// <summary>The run being found: its series, where its time starts, the next frame index.</summary>
    sealed class RunState
    {
        SeriesInfo? series;
        VideoRoi roi;
        TimeSpan start;
        int next;
        public NewFrameDetector? Detector { get; private set; }

        /// <summary>A (re)opened stream: the next image starts a new run.</summary>
        public void Start(VideoRoi roi, NewFrameRule rule)
        {
            if (Detector is not null && roi == this.roi) Detector.Reset();
            else Detector = new NewFrameDetector(roi.Width, roi.Height, rule);
            this.roi = roi;
        }

        public Frame Next(DetectedImage image, ushort[] pixels, string name, VideoSourceOptions options, bool asFastAsRead, string studyUid, ILogger logger)
        {
            if (image.StartsRun || series is null)
            {
                VideoGreyMapping grey = options.Grey;
                series = new SeriesInfo(NewUid(), studyUid, "XA", roi.Height, roi.Width, grey.BitsStored, false, null, null, grey.WindowCenter, grey.WindowWidth, name);
                start = image.FirstShown;
                next = 0;
                logger.LogInformation("Video {Input}: new run at {Seconds:0.00} s ({Reason})", name, image.FirstShown.TotalSeconds, image.RunReason);
            }
            // As fast as read, there is no "first shown" moment to measure from: the frame arrives when it is handed over.
            return new Frame(series, next++, image.FirstShown - start, pixels) { ShownAt = asFastAsRead ? null : image.FirstShownTimestamp };
        }
    }
}
