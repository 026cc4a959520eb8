namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// Finds the new DSA images in a stream of video frames of the ROI (8-bit grey). The rule (docs/video.md):
/// <list type="number">
/// <item>Compare tile by tile (mean absolute difference per <see cref="NewFrameRule.TileSize"/> tile): a tile changed
/// when it moved more than <see cref="NewFrameRule.TileChange"/> levels; an image changed when at least
/// <see cref="NewFrameRule.ImageChange"/> of its tiles did, and more than <see cref="NewFrameRule.LocalTiles"/>. Small
/// localised changes (cursor, text) never reach that.</item>
/// <item>A video frame that changed against the last image passed on opens a change; the change is passed on once
/// <see cref="NewFrameRule.SettledPictures"/> following video frames in a row change fewer than
/// <see cref="NewFrameRule.SettledChange"/> of the tiles (a cut settles two video frames later, a change that H.264
/// smears over a few frames or a fade when it ends; at most <see cref="NewFrameRule.MaxSettleFrames"/> frames later, or
/// <see cref="NewFrameRule.CadenceClosePictures"/> pictures before the run's cadence says the next frame is due),
/// with the pixels of that settled frame and the time of the first video frame that showed the change. So: one image
/// out per DSA frame in.</item>
/// <item>A blank picture (content, i.e. tiles not flat at the common grey level, in under <see cref="NewFrameRule.ImageContent"/>
/// of the tiles or only in a local spot) ends the run; inside a run, one with content in more than a spot ends it only
/// when it kept less than <see cref="NewFrameRule.RunContentKept"/> of the last image's content (a run's first frames
/// show the ICA alone, in about a quarter of the tiles, and must not end it). The first image after it, after a pause of
/// <see cref="NewFrameRule.NewRunPause"/>, or one that correlates below <see cref="NewFrameRule.NewRunCorrelation"/> with
/// the last (wholesale change) starts a new run.</item>
/// <item>A codec refresh is not a new image: in a stream that codes most pictures from their predecessors (H.264 with
/// P/B pictures), a key picture re-codes the unchanged image and moves as many tiles as a new DSA frame does, but keeps
/// their means. A change that opens on a key picture inside a run, moves the means of fewer than
/// <see cref="NewFrameRule.RefreshMeanShift"/> of the tiles by more than <see cref="NewFrameRule.TileChange"/>, and is
/// complete in that picture (the next picture moves at most <see cref="NewFrameRule.RefreshFollowUp"/> as many tiles
/// as the key picture did) is taken as a refresh: the last image is re-based on the next picture and nothing is passed on. A new DSA frame on a key picture goes on changing
/// over the next pictures while the encoder refines it, and is passed on as usual; one that is complete in the key
/// picture is told apart by the run's cadence: a key picture that comes when the next frame is due (within
/// <see cref="NewFrameRule.CadencePictures"/> pictures of the last interval between images) is never a refresh. A
/// stream of key pictures only (an uncompressed grabber) has no refreshes.</item>
/// </list>
/// Not thread-safe: one video reader drives it.
/// </summary>
internal sealed class NewFrameDetector
{
    readonly NewFrameRule rule;
    readonly int width, height, tilesX, tilesY;
    readonly byte[] previous, reference;
    readonly double[] tileMeans, referenceMeans, tileSpreads;
    double referenceContent; // the share of tiles with content in the last image
    bool hasPrevious, hasReference, interCoded, pendingOnKey;
    string? runEnd = "first image"; // why the next image starts a run; null while a run is open
    int pendingFrames = -1; // -1: no open change
    int stillFrames; // pictures in a row, up to now, in which the open change has settled
    TimeSpan pendingSince, lastImage, lastPicture, picturePeriod;
    TimeSpan? cadence; // the interval between the last two images of the run; null until the run has two
    TimeSpan? earlierCadence; // the interval before that one
    double pendingStep; // the share of tiles the picture that opened the change moved
    long pendingTimestamp;

    public NewFrameDetector(int width, int height, NewFrameRule? rule = null)
    {
        this.rule = rule ?? NewFrameRule.Default;
        if (width < this.rule.TileSize || height < this.rule.TileSize) throw new ArgumentException($"a {width}x{height} ROI is smaller than one {this.rule.TileSize}-pixel tile");
        this.width = width;
        this.height = height;
        tilesX = width / this.rule.TileSize;
        tilesY = height / this.rule.TileSize;
        previous = new byte[width * height];
        reference = new byte[width * height];
        tileMeans = new double[tilesX * tilesY];
        referenceMeans = new double[tilesX * tilesY];
        tileSpreads = new double[tilesX * tilesY];
    }

    /// <summary>What the last video frame measured (for <c>--video-trace</c> and threshold tuning).</summary>
    public FrameMeasure LastMeasure { get; private set; }

    /// <summary>Forgets everything: the next image starts a new run (the video stream was restarted).</summary>
    public void Reset()
    {
        hasPrevious = hasReference = false;
        runEnd = "video stream restarted";
        pendingFrames = -1;
    }

    /// <summary>Changes taken as codec refreshes (key pictures re-coding the image shown) so far.</summary>
    public int CodecRefreshes { get; private set; }

    /// <summary>
    /// Takes the next video frame of the ROI (<paramref name="keyPicture"/>: the codec sent it as a key picture); returns
    /// the image to pass on, or null.
    /// </summary>
    public DetectedImage? Observe(ReadOnlySpan<byte> roi, TimeSpan videoTime, long timestamp, bool keyPicture = false)
    {
        if (roi.Length != width * height) throw new ArgumentException($"{roi.Length} pixels for a {width}x{height} ROI");
        TileStatistics(roi);
        double blank = BlankShare(), content = 1 - blank;
        double step = hasPrevious ? ChangedFraction(roi, previous) : 1;
        double sinceImage = hasReference ? ChangedFraction(roi, reference) : 1;
        LastMeasure = new FrameMeasure(videoTime, step, sinceImage, blank);
        interCoded |= !keyPicture;
        picturePeriod = hasPrevious ? videoTime - lastPicture : TimeSpan.Zero;
        lastPicture = videoTime;
        roi.CopyTo(previous);
        hasPrevious = true;
        if (IsBlank(content))
        {
            // A blank picture: the run is over; the next image starts a new one.
            hasReference = false;
            runEnd ??= "after a blank picture";
            pendingFrames = -1;
            return null;
        }
        if (pendingFrames < 0)
        {
            // Against the last image a cursor shows twice (where it was and where it is).
            if (IsLocal(sinceImage, rule.ImageChange, spots: 2)) return null;
            pendingFrames = 0;
            stillFrames = 0;
            pendingSince = videoTime;
            pendingTimestamp = timestamp;
            pendingOnKey = keyPicture && interCoded && hasReference && IsLocal(MeanShift(), rule.RefreshMeanShift) && !FrameDue(videoTime);
            pendingStep = step;
            return null;
        }
        pendingFrames++;
        if (pendingOnKey && pendingFrames == 1 && step <= rule.RefreshFollowUp * pendingStep)
        {
            // The whole change came with one key picture: the codec re-coded the image shown.
            Remember(roi, content);
            CodecRefreshes++;
            LastMeasure = LastMeasure with { Refresh = true };
            return null;
        }
        stillFrames = IsLocal(step, rule.SettledChange, inclusive: true) ? stillFrames + 1 : 0;
        if (stillFrames < rule.SettledPictures && pendingFrames < rule.MaxSettleFrames && !NextFrameDueSoon(videoTime)) return null;
        return Pass(roi, content);
    }

    DetectedImage Pass(ReadOnlySpan<byte> roi, double content)
    {
        string? reason = runEnd
            ?? (pendingSince - lastImage > rule.NewRunPause ? $"after a pause of {(pendingSince - lastImage).TotalSeconds:0.0} s"
            : Correlation(tileMeans, referenceMeans) is var r && r < rule.NewRunCorrelation ? $"wholesale change (tile correlation {r:0.00})"
            : null);
        var image = new DetectedImage(reason is not null, reason, pendingSince, pendingTimestamp);
        Remember(roi, content);
        earlierCadence = reason is null ? cadence : null;
        cadence = reason is null ? pendingSince - lastImage : null;
        runEnd = null;
        lastImage = pendingSince;
        return image;
    }

    /// <summary>Whether the run's cadence says its next frame is due at <paramref name="videoTime"/>.</summary>
    bool FrameDue(TimeSpan videoTime) =>
        runEnd is null && cadence is { } interval && picturePeriod > TimeSpan.Zero
        && (videoTime - lastImage - interval).Duration() <= rule.CadencePictures * picturePeriod;

    /// <summary>
    /// Whether the run's cadence says the frame after the open change comes within <see cref="NewFrameRule.CadenceClosePictures"/>
    /// pictures. The longer of the last two intervals counts: one short interval (a frame passed on early, then its
    /// rest as another) must not pull the next close earlier still.
    /// </summary>
    bool NextFrameDueSoon(TimeSpan videoTime) =>
        runEnd is null && cadence is { } last && earlierCadence is { } before && picturePeriod > TimeSpan.Zero && pendingFrames >= 1
        && videoTime + rule.CadenceClosePictures * picturePeriod >= pendingSince + (last > before ? last : before);

    /// <summary>The picture becomes the last image that later pictures are compared with; the open change is closed.</summary>
    void Remember(ReadOnlySpan<byte> roi, double content)
    {
        roi.CopyTo(reference);
        tileMeans.CopyTo(referenceMeans, 0);
        referenceContent = content;
        hasReference = true;
        pendingFrames = -1;
    }

    /// <summary>
    /// Whether a picture with content (tiles not flat at the common grey level) in this share of its tiles is blank:
    /// content in a spot only, or under <see cref="NewFrameRule.ImageContent"/> when no run is open or the picture kept
    /// less than <see cref="NewFrameRule.RunContentKept"/> of the last image's (hysteresis: a run's early frames hover
    /// about a quarter).
    /// </summary>
    bool IsBlank(double content) =>
        IsLocal(content, 0) || IsLocal(content, rule.ImageContent) && !(hasReference && content >= rule.RunContentKept * referenceContent);

    /// <summary>
    /// Whether a fraction of changed (or content) tiles is below <paramref name="share"/> of the picture (at
    /// <paramref name="share"/> with <paramref name="inclusive"/>), or confined to <paramref name="spots"/> x
    /// <see cref="NewFrameRule.LocalTiles"/>.
    /// </summary>
    bool IsLocal(double fraction, double share, bool inclusive = false, int spots = 1)
    {
        int tiles = tilesX * tilesY;
        double changed = Math.Round(fraction * tiles);
        return changed <= spots * rule.LocalTiles || (inclusive ? fraction <= share : fraction < share);
    }

    /// <summary>The fraction of tiles whose mean absolute difference exceeds the tile threshold.</summary>
    double ChangedFraction(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int size = rule.TileSize, changed = 0;
        double limit = rule.TileChange * size * size;
        for (int ty = 0; ty < tilesY; ty++)
        {
            for (int tx = 0; tx < tilesX; tx++)
            {
                long sum = 0;
                for (int y = ty * size; y < (ty + 1) * size; y++)
                {
                    int row = y * width + tx * size;
                    for (int x = 0; x < size; x++) sum += Math.Abs(a[row + x] - b[row + x]);
                }
                if (sum > limit) changed++;
            }
        }
        return (double)changed / (tilesX * tilesY);
    }

    /// <summary>The fraction of tiles whose mean moved by more than the tile threshold since the last image.</summary>
    double MeanShift()
    {
        int moved = 0;
        for (int i = 0; i < tileMeans.Length; i++)
            if (Math.Abs(tileMeans[i] - referenceMeans[i]) > rule.TileChange) moved++;
        return (double)moved / tileMeans.Length;
    }

    /// <summary>Mean and standard deviation of every tile.</summary>
    void TileStatistics(ReadOnlySpan<byte> image)
    {
        int size = rule.TileSize;
        for (int ty = 0; ty < tilesY; ty++)
        {
            for (int tx = 0; tx < tilesX; tx++)
            {
                long sum = 0, squares = 0;
                for (int y = ty * size; y < (ty + 1) * size; y++)
                {
                    int row = y * width + tx * size;
                    for (int x = 0; x < size; x++)
                    {
                        int v = image[row + x];
                        sum += v;
                        squares += v * v;
                    }
                }
                double n = size * size, mean = sum / n;
                tileMeans[ty * tilesX + tx] = mean;
                tileSpreads[ty * tilesX + tx] = Math.Sqrt(Math.Max(0, squares / n - mean * mean));
            }
        }
    }

    /// <summary>The share of tiles that are flat and at the picture's common grey level (1 for a uniform picture).</summary>
    double BlankShare()
    {
        var means = (double[])tileMeans.Clone();
        Array.Sort(means);
        double level = means[means.Length / 2];
        int flat = 0;
        for (int i = 0; i < tileMeans.Length; i++)
            if (tileSpreads[i] < rule.FlatTile && Math.Abs(tileMeans[i] - level) <= 2) flat++;
        return (double)flat / tileMeans.Length;
    }

    /// <summary>Pearson correlation of two equal-length samples; 0 when either is constant.</summary>
    internal static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
