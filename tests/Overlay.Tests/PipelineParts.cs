using System.Runtime.CompilerServices;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>Capture frames for the pipeline tests: the DSA-like test frames with a series around them.</summary>
internal static class CaptureFrames
{
    public static readonly SeriesInfo Series = new("1.2.826.0.1.3680043.2.1125.9.1", "1.2.826.0.1.3680043.2.1125.9", "XA",
        Rows: 128, Columns: 128, BitsStored: 12, IsMonochrome1: false, PixelSpacingMm: 0.3, View: "AP", WindowCenter: 2000, WindowWidth: 2400,
        SourceName: "overlay-test-run");

    public static Frame Angiogram(int index, bool occlusionVisible) =>
        new(Series, index, TimeSpan.FromSeconds(index / 3.0), TestFrames.Angiogram(128, index, occlusionVisible).Pixels);
}

/// <summary>Frames in order; after each, waits for <c>afterEach(index)</c> (e.g. until the overlay drew it).</summary>
internal sealed class PacedSource(IReadOnlyList<Frame> frames, Func<int, CancellationToken, Task> afterEach) : IFrameSource
{
    public string Name => "paced-test-source";

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var frame in frames)
        {
            yield return frame;
            await afterEach(frame.Index, cancellationToken);
        }
    }
}

/// <summary>
/// A stand-in for the model with a known answer (the real model's behaviour is Model's and Streaming's to test):
/// from <see cref="FirstFrame"/> on it reports one box in model input space; with <see cref="Fail"/> every
/// detection throws, as a broken model would.
/// </summary>
internal sealed class KnownAnswerDetector(bool fail, int firstFrame = 4) : IOcclusionDetector
{
    public static readonly Box InputBox = new(40, 26, 48, 34); // 64-px input; x2 in the 128-px image
    public bool Fail { get; } = fail;
    public int FirstFrame { get; } = firstFrame;

    public DetectorInfo Info { get; } = new("known-answer@test", "0000", "cpu", 64, 3, "centred", ClassSet.FiveClasses);

    public void Encode(int frameIndex, ReadOnlySpan<float> input) { }

    public FrameDetections Detect(int frameIndex)
    {
        if (Fail) throw new InvalidOperationException("inference failed on purpose");
        return frameIndex < FirstFrame ? FrameDetections.Empty(frameIndex)
            : new FrameDetections(frameIndex, new[] { new Detection(InputBox, 0.9f, (int)OcclusionClass.M1) });
    }

    public void Reset() { }

    public void Dispose() { }
}
