namespace OccluNet.Live.Capture.Sources;

/// <summary>What the pipeline needs to know about the run a frame belongs to (no patient identity).</summary>
public sealed record SeriesInfo(
    string SeriesInstanceUid,
    string StudyInstanceUid,
    string Modality,
    int Rows,
    int Columns,
    int BitsStored,
    bool IsMonochrome1,
    double? PixelSpacingMm,
    string? View,
    double? WindowCenter,
    double? WindowWidth,
    string SourceName)
{
    /// <summary>The instance the run was read from (null for sources that are not DICOM files, e.g. the phantom in memory).</summary>
    public SourceInstance? Instance { get; init; }

    /// <summary>The C-arm's angles and view as the file gave them (null when it gave none, or for other sources).</summary>
    public Positioner? Positioner { get; init; }

    /// <summary>
    /// X-ray angiography (XA) or radio fluoroscopy (RF), what the models were trained for. Anything else (a CT, an
    /// ultrasound clip sent to the same folder) is analysed with a warning: its result means nothing.
    /// </summary>
    public bool IsAngiography => Modality is "XA" or "RF";
}

/// <summary>
/// One grayscale frame as received: stored values (unsigned, BitsStored bits; signed data is offset by
/// 2^(BitsStored-1) so that the order of values is kept), row-major, Rows x Columns.
/// Time is from the start of the run, from the file's timing tags (or the configured fps).
/// <see cref="EndsRun"/>: the source knows no frame of this run follows (the last frame of a replayed file), so the
/// pipeline can finish the run's analysis at once instead of waiting for the next run.
/// </summary>
public sealed record Frame(SeriesInfo Series, int Index, TimeSpan Time, ushort[] Pixels, bool EndsRun = false)
{
    /// <summary>
    /// When the frame was first seen, if before it was handed over (<see cref="System.Diagnostics.Stopwatch"/> timestamp):
    /// a video source finds a new image one picture after it first showed, and latency counts from the first. Null: on hand-over.
    /// </summary>
    public long? ShownAt { get; init; }

    /// <summary>
    /// The frame came with its whole run at once (a multi-frame file taken from a drop folder after the acquisition):
    /// there is no acquisition pace to keep up with, so the live pipeline detects every window of it instead of only the
    /// newest (else a run dropped as one file had 39 of its 51 windows passed over).
    /// </summary>
    public bool ArrivedWhole { get; init; }
}

/// <summary>A frame the source could not deliver; the run goes on without it.</summary>
public sealed record SourceFault(string SourceName, int? FrameIndex, string Reason, Exception? Exception = null);

/// <summary>What a source did with something it was given (a file taken, a duplicate, a new version): not a loss.</summary>
public sealed record SourceNotice(string SourceName, string Message);

/// <summary>
/// Frames in arrival order. Frames that cannot be decoded are reported to the fault callback and skipped;
/// the enumeration continues. Cancellation ends the enumeration without an exception escaping to the caller's
/// pipeline beyond <see cref="OperationCanceledException"/>.
/// </summary>
public interface IFrameSource
{
    string Name { get; }

    IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, CancellationToken cancellationToken);

    /// <summary>As above, also telling <paramref name="onNotice"/> what happened to each input (sources that have something to say override it).</summary>
    IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, Action<SourceNotice> onNotice, CancellationToken cancellationToken) =>
        ReadAsync(onFault, cancellationToken);
}
