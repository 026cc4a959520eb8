namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// The thresholds of the new-frame rule (<see cref="NewFrameDetector"/>), in 8-bit display grey levels. How they were
/// chosen, and what they were measured against, is in docs/video.md ("New-frame detection").
/// </summary>
public sealed record NewFrameRule
{
    /// <summary>Side of the square tiles the ROI is cut into (the last row and column take the remainder).</summary>
    public int TileSize { get; init; } = 16;

    /// <summary>A tile has changed when its mean absolute difference exceeds this (grey levels).</summary>
    public double TileChange { get; init; } = 1.0;

    /// <summary>A new image: at least this fraction of the tiles changed against the last image (a cursor changes a few tiles).</summary>
    public double ImageChange { get; init; } = 0.12;

    /// <summary>A change has settled when at most this fraction of tiles (or <see cref="LocalTiles"/>) still change from one picture to the next ...</summary>
    public double SettledChange { get; init; } = 0.015;

    /// <summary>
    /// ... in this many pictures in a row. Two, because a B picture of H.264 may show part of the next picture's change
    /// and then hold still for one picture before its P picture brings the rest.
    /// </summary>
    public int SettledPictures { get; init; } = 2;

    /// <summary>A change confined to this many tiles is local (a cursor up to 32x48 pixels, a few characters): never an image.</summary>
    public int LocalTiles { get; init; } = 6;

    /// <summary>
    /// A tile is flat when its grey levels spread less than this (standard deviation). A picture is blank (it ends the run)
    /// when fewer than <see cref="ImageContent"/> of its tiles (or only <see cref="LocalTiles"/>) are not flat at its common grey level.
    /// </summary>
    public double FlatTile { get; init; } = 0.75;

    /// <summary>A picture with content in fewer than this fraction of its tiles is blank (an ROI a few pixels too wide keeps a strip of the layout).</summary>
    public double ImageContent { get; init; } = 0.25;

    /// <summary>
    /// Inside a run a picture with content in under <see cref="ImageContent"/> of its tiles is blank only when it kept
    /// less than this share of the last image's content. A run's first frames show the ICA and little else: their content
    /// hovers about a quarter of the tiles and once split a fast phantom run in three (docs/video.md); the black between
    /// runs keeps none of it. (A strip of the layout inside an ROI too wide counts in both: one that held half a run's
    /// content would hide the run's end; <c>--roi auto</c> finds the image within a few pixels.)
    /// </summary>
    public double RunContentKept { get; init; } = 0.5;

    /// <summary>No new image for this long: the next one starts a new run.</summary>
    public TimeSpan NewRunPause { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// A new image whose tile means correlate below this with the previous image is a wholesale change: a new run
    /// (different view or patient position) even without a blank or a pause. Off (-1, below any correlation) by
    /// default: consecutive phantom frames on a mostly flat display correlate at -0.03 to 0.2 (docs/video.md).
    /// </summary>
    public double NewRunCorrelation { get; init; } = -1;

    /// <summary>
    /// A change that opens on a key picture of an inter-coded stream is a codec refresh (not a new image) when the next
    /// picture moves at most this fraction of the tiles that the key picture moved (a refresh is complete in its key
    /// picture; a new DSA frame on a key picture goes on changing while the encoder refines it).
    /// </summary>
    public double RefreshFollowUp { get; init; } = 0.25;

    /// <summary>A refresh keeps the tile means: fewer than this fraction of the tiles move their mean by more than <see cref="TileChange"/>.</summary>
    public double RefreshMeanShift { get; init; } = 0.25;

    /// <summary>
    /// ... unless a frame is due: the key picture comes within this many pictures of the run's cadence (the last interval
    /// between two images after the last image). A new DSA frame that lands on a key picture can be complete in it and keep
    /// the tile means as a refresh does (70 of 72 frames lost on the phantom test split, docs/video.md); a refresh comes at
    /// the encoder's cadence, a frame at the acquisition's.
    /// </summary>
    public double CadencePictures { get; init; } = 1.5;

    /// <summary>
    /// An open change that has not settled is passed on this many pictures before the run's cadence says the next frame
    /// is due (at least one picture after it opened): in fast runs (frames 4-6 pictures apart) H.264 goes on refining a
    /// frame until the next one comes, and without this the two were passed on as one (docs/video.md).
    /// </summary>
    public double CadenceClosePictures { get; init; } = 2;

    /// <summary>A change that has not settled (a fade, a stream of changes) is passed on after this many video frames anyway.</summary>
    public int MaxSettleFrames { get; init; } = 6;

    public static NewFrameRule Default { get; } = new();
}
