using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>
/// The authors' algorithm written literally and independently of the tracker (every top-k detection starts a trajectory,
/// extended forward by the first linking detection, no pruning; best = first maximum among those with at least
/// MinPoints points), as the reference for the properties.
/// </summary>
static class NaiveTrajectories
{
    public sealed record Result(IReadOnlyList<TrajectoryPoint> Points, double Score);

    public static Result? Best(IReadOnlyList<FrameDetections> frames, TrajectoryOptions o)
    {
        List<TrajectoryPoint>[] candidates = frames.Select(f => TopK(f, o)).ToArray();
        Result? best = null;
        for (int i = 0; i < frames.Count; i++)
            foreach (TrajectoryPoint start in candidates[i])
            {
                Result r = Follow(start, i, frames, candidates, o);
                if (r.Points.Count >= o.MinPoints && (best == null || r.Score > best.Score)) best = r;
            }
        return best;
    }

    static Result Follow(TrajectoryPoint start, int i, IReadOnlyList<FrameDetections> frames, List<TrajectoryPoint>[] candidates, TrajectoryOptions o)
    {
        var points = new List<TrajectoryPoint> { start };
        for (int j = i + 1; j < frames.Count; j++)
        {
            TrajectoryPoint last = points[^1];
            if (frames[j].FrameIndex - last.FrameIndex - 1 > o.MaxGap) break;
            foreach (TrajectoryPoint c in candidates[j])
                if (Links(last, c, o)) { points.Add(c); break; }
        }
        double sum = 0;
        foreach (TrajectoryPoint p in points) sum += p.Detection.Score;
        return new Result(points, sum * points.Count);
    }

    static List<TrajectoryPoint> TopK(FrameDetections f, TrajectoryOptions o)
    {
        var kept = new List<Detection>();
        foreach (Detection d in f.Detections)
            if (d.Score >= o.MinScore) kept.Add(d);
        // Insertion sort: stable by construction, best first.
        for (int a = 1; a < kept.Count; a++)
            for (int b = a; b > 0 && kept[b].Score > kept[b - 1].Score; b--)
                (kept[b], kept[b - 1]) = (kept[b - 1], kept[b]);
        return kept.Take(o.TopK).Select((d, rank) => new TrajectoryPoint(f.FrameIndex, rank, d)).ToList();
    }

    static bool Links(TrajectoryPoint last, TrajectoryPoint next, TrajectoryOptions o)
    {
        float x = last.CenterX, y = last.CenterY;
        Box b = next.Detection.Box;
        if (o.Link == LinkRule.CentreWithinRadius)
        {
            float dx = x - b.CenterX, dy = y - b.CenterY;
            return MathF.Sqrt(dx * dx + dy * dy) <= o.LinkRadius;
        }
        float m = o.ContainmentMargin;
        return x >= b.X1 - m && x <= b.X2 + m && y >= b.Y1 - m && y <= b.Y2 + m;
    }
}
