using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class StreamingDetectorTests
{
    [TestCase(TemporalVariant.OccluNet1, WindowMode.Centred)]
    [TestCase(TemporalVariant.OccluNet1, WindowMode.Causal)]
    [TestCase(TemporalVariant.OccluNet2, WindowMode.Centred)]
    [TestCase(TemporalVariant.OccluNet2, WindowMode.Causal)]
    [TestCase(TemporalVariant.None, WindowMode.Centred)]
    public void CachedWindowEqualsRecomputingTheWindow(TemporalVariant variant, WindowMode mode)
    {
        var config = TinyModels.Config(variant, mode);
        var frames = TinyModels.Frames(6);
        using var reference = TinyModels.Build(config);
        reference.eval();
        using var detector = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        int lookAhead = config.Temporal.Window.LookAhead;

        double worst = 0, worstBatched = 0;
        for (int i = 0; i < frames.Length + lookAhead; i++)
        {
            if (i < frames.Length) detector.Encode(10 + i, frames[i]);
            int t = i - lookAhead;
            if (t < 0) continue;
            int available = Math.Min(i + 1, frames.Length);
            using var streamed = detector.DetectRaw(10 + t);
            var positions = config.Temporal.Window.Positions(t, available);
            using var recomputed = RecomputePerFrame(reference, frames, positions);
            using var batched = RecomputeBatched(reference, frames, positions);
            worst = Math.Max(worst, (streamed - recomputed).abs().max().item<float>());
            worstBatched = Math.Max(worstBatched, (streamed - batched).abs().max().item<float>());
        }
        Assert.Multiple(() =>
        {
            Assert.That(worst, Is.LessThanOrEqualTo(1e-5), "against encoding each window frame afresh");
            // One batched forward of the window picks other conv kernels (batch 3 vs 1): float rounding only.
            Assert.That(worstBatched, Is.LessThanOrEqualTo(1e-3), "against the batched forward of the window");
        });
    }

    /// <summary>The window recomputed from the inputs without any cache: each frame encoded alone, then temporal module and head.</summary>
    private static Tensor RecomputePerFrame(OccluNetModel model, float[][] frames, int[] positions)
    {
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var encoded = positions.Select(p => model.Encode(Frame(frames[p]).unsqueeze(0))).ToArray();
        var window = Enumerable.Range(0, encoded[0].Length).Select(l => stack(encoded.Select(e => e[l]), 1)).ToArray();
        return model.DetectWindow(window).Flatten(sigmoid: true).MoveToOuterDisposeScope();
    }

    private static Tensor RecomputeBatched(OccluNetModel model, float[][] frames, int[] positions)
    {
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var window = stack(positions.Select(p => Frame(frames[p])), 0).unsqueeze(0);
        return model.call(window).Flatten(sigmoid: true).MoveToOuterDisposeScope();
    }

    private static Tensor Frame(float[] plane)
    {
        int s = TinyModels.InputSize;
        return tensor(plane, [1, s, s]).expand(3, s, s);
    }

    [TestCase(false)]
    [TestCase(true)] // each cache entry holds the mirror image's levels too (DetectionSettings.MirrorAveraged)
    public void CachedTensorsAreFreedOnEvictionAndReset(bool mirrorAveraged)
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        var frames = TinyModels.Frames(3);
        var settings = DetectionSettings.Default with { MirrorAveraged = mirrorAveraged };
        using var detector = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU, settings);
        // This thread's own tensors (TorchSharp counts per thread, and a tensor another thread or the finalizer disposes
        // stays counted here): other tests' tensors finalized meanwhile cannot move the count, and a tensor this
        // detector leaves to the finalizer counts as the leak it is.
        static long Live() => TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long before = Live();
        var counts = new List<long>();
        for (int i = 0; i < 12; i++)
        {
            detector.Encode(i, frames[i % 3]);
            detector.Detect(i);
            counts.Add(Live() - before);
        }
        Assert.That(detector.CachedFrames, Is.EqualTo(3));
        Assert.That(counts[^1], Is.GreaterThan(0), "the cached frames are tensors of this thread: the count sees them");
        Assert.That(counts.Skip(3).Distinct().Count(), Is.EqualTo(1), $"live tensors per frame: {string.Join(",", counts)}");
        detector.Reset();
        Assert.That(Live() - before, Is.EqualTo(0));
        Assert.That(detector.CachedFrames, Is.Zero);
    }

    [Test]
    public void CentredOutputDependsOnTheNextFrame()
    {
        var frames = TinyModels.Frames(4);
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Centred);
        using var a = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        using var b = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        for (int i = 0; i < 3; i++) { a.Encode(i, frames[i]); b.Encode(i, frames[i]); }
        a.Encode(3, frames[3]);
        b.Encode(3, new float[frames[3].Length]); // a black frame instead
        using var ra = a.DetectRaw(2);
        using var rb = b.DetectRaw(2);
        Assert.That((ra - rb).abs().max().item<float>(), Is.GreaterThan(1e-3));
    }

    [Test]
    public void BadCallsAreRefusedWithTheReason()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        using var detector = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        var frame = TinyModels.Frames(1)[0];
        Assert.That(() => detector.Encode(0, new float[10]), Throws.ArgumentException.With.Message.Contains("64 x 64"));
        detector.Encode(5, frame);
        Assert.That(() => detector.Encode(5, frame), Throws.ArgumentException.With.Message.Contains("increasing"));
        Assert.That(() => detector.Detect(4), Throws.InvalidOperationException.With.Message.Contains("not in the cache"));
    }
}
