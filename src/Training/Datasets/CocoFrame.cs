using OccluNet.Live.Domain;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// One image entry of a COCO split: the frame file (resolved against the split folder), its size, frame number, the
/// sequence it belongs to, and its boxes in image pixels (crowd boxes left out, as MMDetection ignores them).
/// For a DICOM file, <see cref="FrameNumber"/> is the 1-based frame in it.
/// </summary>
public sealed record CocoFrame(long ImageId, string FileName, string FullPath, int Width, int Height, int FrameNumber, IReadOnlyList<Box> Boxes)
{
    public bool IsDicom => FullPath.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A sequence (one <c>video_id</c>) of a split: its name (the frames' folder) and its frames in frame-number order.</summary>
public sealed record CocoSequence(string Name, string VideoId, IReadOnlyList<CocoFrame> Frames)
{
    public int Width => Frames[0].Width;
    public int Height => Frames[0].Height;

    /// <summary>Frame numbers missing between the first and last (the authors' window takes the next available frame).</summary>
    public IReadOnlyList<int> Gaps() =>
        Frames.Zip(Frames.Skip(1)).SelectMany(p => Enumerable.Range(p.First.FrameNumber + 1, p.Second.FrameNumber - p.First.FrameNumber - 1)).ToArray();
}
