namespace OccluNet.Live.Domain;

/// <summary>What a loaded model is, for the status strip, the audit trail and the checkpoint metadata.</summary>
/// <param name="MinTrajectoryPoints">Points a run's best trajectory needs before its box is shown, from the operating
/// point in use (1: a single detection, the paper's); whatever turns this detector's detections into a finding applies
/// it (<c>TrajectoryOptions.For</c>).</param>
public sealed record DetectorInfo(
    string ModelId,
    string WeightsSha256,
    string Device,
    int InputSize,
    int WindowLength,
    WindowMode WindowMode,
    ClassSet Classes,
    int MinTrajectoryPoints = 1);

/// <summary>
/// A windowed detector with a per-frame cache, as the live pipeline drives it. One owner thread calls it
/// (TorchSharp scopes and inference mode are thread-local). Coordinates are in model input space; the caller maps them
/// back with its <see cref="Letterbox"/>.
/// </summary>
public interface IOcclusionDetector : IDisposable
{
    DetectorInfo Info { get; }

    /// <summary>Runs backbone and neck once for a frame (model input, InputSize x InputSize, normalised) and caches the result.</summary>
    void Encode(int frameIndex, ReadOnlySpan<float> input);

    /// <summary>
    /// Runs the temporal module and head on the window that <paramref name="frameIndex"/> completes (causal: t-2..t;
    /// centred: t-1..t+1, so it needs t+1 encoded). Returns the detections of the frame the window is about, best first.
    /// </summary>
    FrameDetections Detect(int frameIndex);

    /// <summary>Drops every cached frame (new series, or after a fault).</summary>
    void Reset();
}
