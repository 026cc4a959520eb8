using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Truth;

namespace OccluNet.Live.Phantom;

/// <summary>
/// One generated run in memory: stored frames (row-major, <see cref="BitsStored"/> bits, vessels dark), acquisition
/// times from the first frame, the evaluation truth and the full ground truth.
/// </summary>
public sealed record PhantomRun(
    string RunId,
    int Width,
    int Height,
    int BitsStored,
    double PixelSpacingMm,
    ushort[][] Frames,
    double[] FrameTimesMs,
    RunTruth Truth,
    PhantomGroundTruth GroundTruth);
