using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;

namespace OccluNet.Live.Training;

/// <summary>
/// Runs a detector over a prepared run the way the live pipeline feeds it (frames encoded in order, each window detected
/// as soon as its look-ahead frame is in) and returns every frame's detections in image pixels.
/// A MinIP run has one image: its detections stand for every frame of the run, so the sequence metric judges the
/// baseline with the same trajectory rule (a stationary detection over the whole run).
/// </summary>
public static class RunDetection
{
    public static IReadOnlyList<FrameDetections> Detect(IOcclusionDetector detector, PreparedRun run, CancellationToken cancellationToken = default)
    {
        detector.Reset();
        try
        {
            return run.IsMinIp ? DetectMinIp(detector, run) : DetectFrames(detector, run, cancellationToken);
        }
        finally
        {
            detector.Reset();
        }
    }

    static IReadOnlyList<FrameDetections> DetectFrames(IOcclusionDetector detector, PreparedRun run, CancellationToken cancellationToken)
    {
        int lookAhead = TemporalWindow.Of(detector.Info).LookAhead;
        var result = new List<FrameDetections>(run.Inputs.Count);
        for (int f = 0; f < run.Inputs.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            detector.Encode(f, run.Inputs[f]);
            if (f - lookAhead >= 0) result.Add(run.Letterbox.ToImage(detector.Detect(f - lookAhead)));
        }
        for (int f = Math.Max(0, run.Inputs.Count - lookAhead); f < run.Inputs.Count; f++)
            result.Add(run.Letterbox.ToImage(detector.Detect(f)));
        return result;
    }

    static IReadOnlyList<FrameDetections> DetectMinIp(IOcclusionDetector detector, PreparedRun run)
    {
        detector.Encode(0, run.Inputs[0]);
        var image = run.Letterbox.ToImage(detector.Detect(0));
        return Enumerable.Range(0, run.FrameCount).Select(f => image with { FrameIndex = f }).ToArray();
    }
}
