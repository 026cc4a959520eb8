using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>
/// The real detector with injected faults: throws on chosen Detect or Encode calls (1-based), and/or sleeps in Detect,
/// and/or holds the first Detect until a signal.
/// </summary>
internal sealed class FaultyDetector : IOcclusionDetector
{
    readonly IOcclusionDetector inner;
    int detectCalls;
    int encodeCalls;

    public FaultyDetector(IOcclusionDetector inner) => this.inner = inner;

    public ISet<int> FailingDetectCalls { get; init; } = new HashSet<int>();
    public ISet<int> FailingEncodeCalls { get; init; } = new HashSet<int>();
    public TimeSpan DetectDelay { get; init; }

    /// <summary>The first Detect waits for this (at most half of Harness.Limit); <see cref="FirstDetectReleased"/> says whether it came.</summary>
    public Task? HoldFirstDetectUntil { get; init; }
    public bool? FirstDetectReleased { get; private set; }
    public int ResetCalls { get; private set; }
    public List<int> EncodedIndices { get; } = new();

    public DetectorInfo Info => inner.Info;

    public void Encode(int frameIndex, ReadOnlySpan<float> input)
    {
        if (FailingEncodeCalls.Contains(++encodeCalls)) throw new InvalidOperationException($"injected encode fault (call {encodeCalls})");
        inner.Encode(frameIndex, input);
        EncodedIndices.Add(frameIndex);
    }

    public FrameDetections Detect(int frameIndex)
    {
        if (detectCalls == 0 && HoldFirstDetectUntil is { } hold) FirstDetectReleased = hold.Wait(Harness.Limit / 2);
        if (DetectDelay > TimeSpan.Zero) Thread.Sleep(DetectDelay);
        if (FailingDetectCalls.Contains(++detectCalls)) throw new InvalidOperationException($"injected detect fault (call {detectCalls})");
        return inner.Detect(frameIndex);
    }

    public void Reset()
    {
        ResetCalls++;
        inner.Reset();
    }

    public void Dispose() => inner.Dispose();
}
