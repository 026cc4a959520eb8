using System.Diagnostics;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// The baseline printed beside the pipeline: the same model on the same frames in a plain loop on this thread
/// (preprocess, encode, detect; no queues, no other stages), so that pipeline overhead and contention show as a ratio.
/// It runs on its own thread like the pipeline's inference: on the process's main thread libtorch's intra-op pool was
/// several times slower here.
/// </summary>
internal static class BareModelBaseline
{
    public static LatencyStats Measure(LoadedModel model, IReadOnlyList<Frame> frames, int warmUp = 3)
    {
        LatencyStats? stats = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { stats = MeasureHere(model, frames, warmUp); }
            catch (Exception e) { failure = e; }
        }) { Name = "OccluNet baseline" };
        thread.Start();
        thread.Join();
        return stats ?? throw new InvalidOperationException($"the bare-model baseline failed: {failure?.Message}", failure);
    }

    static LatencyStats MeasureHere(LoadedModel model, IReadOnlyList<Frame> frames, int warmUp)
    {
        var samples = new List<double>();
        var preparer = new ModelInputPreparer(model.Preprocessor); // the pipeline's preprocess step, without the pipeline
        var input = new float[preparer.InputSize * preparer.InputSize];
        model.Detector.Reset();
        for (int i = 0; i < frames.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            preparer.Prepare(frames[i], input);
            model.Detector.Encode(i, input);
            model.Detector.Detect(i);
            if (i >= warmUp) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        model.Detector.Reset();
        return LatencyStats.Of("bare model loop", samples);
    }
}
