using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>
/// One member of a trajectory: the frame, the detection, and its rank among the frame's top-k (0 = best), which with the
/// frame index identifies the detection (and orders trajectories that start in the same frame).
/// </summary>
public readonly record struct TrajectoryPoint(int FrameIndex, int Rank, Detection Detection)
{
    public float CenterX => Detection.Box.CenterX;
    public float CenterY => Detection.Box.CenterY;
}
