using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>Short ways to write detection streams in tests.</summary>
static class Detections
{
    public static Detection At(float cx, float cy, float score, int classId = 0, float size = 25f) =>
        new(Box.FromCenter(cx, cy, size, size), score, classId);

    public static FrameDetections Frame(int index, params Detection[] detections) => new(index, detections);

    /// <summary>Frames 0, 1, 2, ... with one detection each (null = no detection in that frame).</summary>
    public static FrameDetections[] Run(params Detection?[] perFrame) =>
        perFrame.Select((d, i) => d is Detection det ? Frame(i, det) : FrameDetections.Empty(i)).ToArray();

    public static int[] Frames(this Trajectory t) => t.Points.Select(p => p.FrameIndex).ToArray();
}
