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

/// <summary>Another source's frames in order; after each, waits for <c>afterEach(index)</c> (e.g. until the overlay drew it).</summary>
internal sealed class PacedSource(IFrameSource inner, Func<int, CancellationToken, Task> afterEach) : IFrameSource
{
    public string Name => inner.Name;

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in inner.ReadAsync(onFault, cancellationToken))
        {
            yield return frame;
            await afterEach(frame.Index, cancellationToken);
        }
    }
}

/// <summary>A list of frames as a source.</summary>
internal sealed class ListSource(IReadOnlyList<Frame> frames) : IFrameSource
{
    public string Name => "test-frames";

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var frame in frames)
        {
            await Task.Yield();
            yield return frame;
        }
    }
}

/// <summary>
/// A stand-in for the model with a known answer (the real model's behaviour is Model's and Streaming's to test): the
/// box <paramref name="answer"/> gives for a frame (model input space, 64 px), if any; with <paramref name="fail"/>
/// every detection throws, as a broken model would.
/// </summary>
internal sealed class KnownAnswerDetector(Func<int, Box?> answer, bool fail = false) : IOcclusionDetector
{
    public static readonly Box InputBox = new(40, 26, 48, 34); // x2 in the 128-px image

    /// <summary>The fixed box from frame 4 on.</summary>
    public static KnownAnswerDetector FromFrame4(bool fail = false) => new(i => i >= 4 ? InputBox : null, fail);

    public DetectorInfo Info { get; } = new("known-answer@test", "0000", "cpu", 64, 3, WindowMode.Centred, ClassSet.FiveClasses);

    public void Encode(int frameIndex, ReadOnlySpan<float> input) { }

    public FrameDetections Detect(int frameIndex)
    {
        if (fail) throw new InvalidOperationException("inference failed on purpose");
        return answer(frameIndex) is { } box
            ? new FrameDetections(frameIndex, new[] { new Detection(box, 0.9f, (int)OcclusionClass.M1) })
            : FrameDetections.Empty(frameIndex);
    }

    public void Reset() { }

    public void Dispose() { }
}
