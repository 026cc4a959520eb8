using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>Where a run's frame times came from.</summary>
public enum FrameTimingSource
{
    FrameTimeVector,
    FrameTime,
    CineRate,
    RecommendedDisplayFrameRate,
    Configured,
}

/// <summary>
/// When each frame was acquired, in seconds from the first frame. Read from the element the Frame Increment
/// Pointer names when it is a timing element, else from Frame Time Vector, Frame Time, Cine Rate, Recommended
/// Display Frame Rate, in that order; else from the configured fps.
/// </summary>
public sealed record FrameTiming(IReadOnlyList<double> Seconds, FrameTimingSource Source)
{
    public const double DefaultFps = 15;

    public double? FramesPerSecond => Seconds.Count > 1 && Seconds[^1] > 0 ? (Seconds.Count - 1) / Seconds[^1] : null;

    public static FrameTiming From(DicomDataSet dataSet, int frameCount, double fallbackFps = DefaultFps)
    {
        if (fallbackFps <= 0 || !double.IsFinite(fallbackFps)) throw new ArgumentOutOfRangeException(nameof(fallbackFps), "fps must be positive");
        var pointer = dataSet.GetAttributeTag(DicomTags.FrameIncrementPointer);
        if (pointer == DicomTags.FrameTime && FromFrameTime(dataSet, frameCount) is { } pointedTime) return pointedTime;
        return FromVector(dataSet, frameCount)
            ?? FromFrameTime(dataSet, frameCount)
            ?? FromRate(dataSet.GetDecimal(DicomTags.CineRate), frameCount, FrameTimingSource.CineRate)
            ?? FromRate(dataSet.GetDecimal(DicomTags.RecommendedDisplayFrameRate), frameCount, FrameTimingSource.RecommendedDisplayFrameRate)
            ?? FromRate(fallbackFps, frameCount, FrameTimingSource.Configured)!;
    }

    /// <summary>Increments in ms between frames; the first is 0 by definition (some writers leave it out).</summary>
    static FrameTiming? FromVector(DicomDataSet dataSet, int frameCount)
    {
        var increments = dataSet.GetDecimals(DicomTags.FrameTimeVector);
        if (increments.Length < frameCount - 1 || increments.Length == 0 || increments.Any(v => v < 0)) return null;
        var skipFirst = increments.Length >= frameCount ? 1 : 0;
        var seconds = new double[frameCount];
        for (var i = 1; i < frameCount; i++) seconds[i] = seconds[i - 1] + increments[i - 1 + skipFirst] / 1000.0;
        return new FrameTiming(seconds, FrameTimingSource.FrameTimeVector);
    }

    static FrameTiming? FromFrameTime(DicomDataSet dataSet, int frameCount) =>
        dataSet.GetDecimal(DicomTags.FrameTime) is { } ms and > 0
            ? new FrameTiming(Enumerable.Range(0, frameCount).Select(i => i * ms / 1000.0).ToArray(), FrameTimingSource.FrameTime)
            : null;

    static FrameTiming? FromRate(double? fps, int frameCount, FrameTimingSource source) =>
        fps is { } rate and > 0
            ? new FrameTiming(Enumerable.Range(0, frameCount).Select(i => i / rate).ToArray(), source)
            : null;
}
