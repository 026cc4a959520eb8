using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>The detections of a frame that take part in linking: scores at or above the minimum, best first (stable), the top k.</summary>
static class FrameCandidates
{
    public static TrajectoryPoint[] Select(FrameDetections frame, TrajectoryOptions options)
    {
        foreach (Detection d in frame.Detections) Check(frame.FrameIndex, d);
        return frame.Detections
            .Where(d => d.Score >= options.MinScore)
            .OrderByDescending(d => d.Score) // stable: equal scores keep the detector's order
            .Take(options.TopK)
            .Select((d, rank) => new TrajectoryPoint(frame.FrameIndex, rank, d))
            .ToArray();
    }

    static void Check(int frameIndex, Detection d)
    {
        Box b = d.Box;
        if (!float.IsFinite(d.Score))
            throw new ArgumentException($"frame {frameIndex}: detection score {d.Score} is not a finite number", "frame");
        if (!float.IsFinite(b.X1) || !float.IsFinite(b.Y1) || !float.IsFinite(b.X2) || !float.IsFinite(b.Y2))
            throw new ArgumentException($"frame {frameIndex}: detection box {b} has a non-finite coordinate", "frame");
    }
}
