namespace OccluNet.Live.Domain;

/// <summary>One detected occlusion in one frame: box, confidence (objectness x class) and class index.</summary>
public readonly record struct Detection(Box Box, float Score, int ClassId);

/// <summary>The detections of one frame, best first.</summary>
public sealed record FrameDetections(int FrameIndex, IReadOnlyList<Detection> Detections)
{
    public static FrameDetections Empty(int frameIndex) => new(frameIndex, Array.Empty<Detection>());
}
