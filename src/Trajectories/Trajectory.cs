using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>
/// An immutable chain of detections in increasing frames. Extending returns a new trajectory that shares this one's
/// points, so a live tracker can hand out the current best at no copying cost.
/// Score = (sum of the member confidences) x (number of members), the paper's and the authors' trajectory score.
/// </summary>
public sealed class Trajectory
{
    readonly Node last;
    TrajectoryPoint[]? points;

    Trajectory(Node last, TrajectoryPoint start, TrajectoryPoint peak, int length, double confidenceSum)
    {
        this.last = last;
        Start = start;
        Peak = peak;
        Length = length;
        ConfidenceSum = confidenceSum;
    }

    /// <summary>A one-point trajectory.</summary>
    public static Trajectory StartAt(TrajectoryPoint point) => new(new Node(point, null), point, point, 1, point.Detection.Score);

    /// <summary>This trajectory with <paramref name="point"/> appended (its frame must come after <see cref="LastFrame"/>).</summary>
    public Trajectory Extend(TrajectoryPoint point)
    {
        if (point.FrameIndex <= LastFrame)
            throw new ArgumentException($"frame {point.FrameIndex} does not follow the trajectory's last frame {LastFrame}", nameof(point));
        // Peak ties go to the earlier point: strictly greater replaces.
        TrajectoryPoint peak = point.Detection.Score > Peak.Detection.Score ? point : Peak;
        return new Trajectory(new Node(point, last), Start, peak, Length + 1, ConfidenceSum + point.Detection.Score);
    }

    /// <summary>The first point; with <see cref="TrajectoryPoint.Rank"/> it orders trajectories for ties (earlier wins).</summary>
    public TrajectoryPoint Start { get; }

    public TrajectoryPoint Last => last.Point;

    /// <summary>The highest-confidence point (ties: the earliest). Its box and class represent the trajectory.</summary>
    public TrajectoryPoint Peak { get; }

    /// <summary>Number of member detections (= frames with a member; equals <see cref="Duration"/> when no gap was bridged).</summary>
    public int Length { get; }

    /// <summary>Sum of the member confidences, accumulated from the first point to the last (double, so that order is the only rounding rule).</summary>
    public double ConfidenceSum { get; }

    /// <summary>(Sum of confidences) x (number of members).</summary>
    public double Score => ConfidenceSum * Length;

    public double MeanConfidence => ConfidenceSum / Length;

    public int FirstFrame => Start.FrameIndex;
    public int LastFrame => Last.FrameIndex;

    /// <summary>Frames spanned, first to last inclusive (gaps included).</summary>
    public int Duration => LastFrame - FirstFrame + 1;

    /// <summary>The class of the highest-confidence point (a multi-class detector may flicker; its surest call wins).</summary>
    public int ClassId => Peak.Detection.ClassId;

    /// <summary>The box of the highest-confidence point.</summary>
    public Box RepresentativeBox => Peak.Detection.Box;

    public float CenterX => RepresentativeBox.CenterX;
    public float CenterY => RepresentativeBox.CenterY;

    /// <summary>The members in frame order.</summary>
    public IReadOnlyList<TrajectoryPoint> Points => points ??= Materialise();

    /// <summary>The member in <paramref name="frameIndex"/>, if any.</summary>
    public TrajectoryPoint? PointAt(int frameIndex)
    {
        for (Node? n = last; n != null && n.Point.FrameIndex >= frameIndex; n = n.Previous)
            if (n.Point.FrameIndex == frameIndex) return n.Point;
        return null;
    }

    /// <summary>
    /// The member whose box stands for this trajectory at <paramref name="frameIndex"/>: its own detection there, else the
    /// representative (highest-confidence) one. What the overlay draws and what the presentation state repeats.
    /// </summary>
    public TrajectoryPoint ShownAt(int frameIndex) => PointAt(frameIndex) ?? Peak;

    /// <summary>Whether this trajectory beats <paramref name="other"/>: higher score, ties to the earlier start (frame, then rank).</summary>
    public bool IsBetterThan(Trajectory other) =>
        Score > other.Score || (Score == other.Score && StartsBefore(other));

    /// <summary>Earlier start frame, or the same frame and a better-ranked start detection.</summary>
    public bool StartsBefore(Trajectory other) =>
        FirstFrame < other.FirstFrame || (FirstFrame == other.FirstFrame && Start.Rank < other.Start.Rank);

    public override string ToString() =>
        $"frames {FirstFrame}..{LastFrame} ({Length} points), score {Score:0.###}, class {ClassId}, centre ({CenterX:0.#}, {CenterY:0.#})";

    TrajectoryPoint[] Materialise()
    {
        var points = new TrajectoryPoint[Length];
        int i = Length;
        for (Node? n = last; n != null; n = n.Previous) points[--i] = n.Point;
        return points;
    }

    sealed record Node(TrajectoryPoint Point, Node? Previous);
}
