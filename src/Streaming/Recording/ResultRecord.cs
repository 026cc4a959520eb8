using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>One detection as written to JSON: box corners in image pixels [x1, y1, x2, y2], score, class index.</summary>
public sealed record DetectionRecord(float[] Box, float Score, int ClassId)
{
    public static DetectionRecord From(Detection d) => new([d.Box.X1, d.Box.Y1, d.Box.X2, d.Box.Y2], d.Score, d.ClassId);

    public Detection ToDetection() => new(new Box(Box[0], Box[1], Box[2], Box[3]), Score, ClassId);
}

/// <summary>The best trajectory as written to JSON: frames, score, class and its representative box.</summary>
public sealed record TrajectoryRecord(int FirstFrame, int LastFrame, int Length, double Score, int ClassId, float[] Box)
{
    public static TrajectoryRecord? From(Trajectory? t) => t is null ? null
        : new(t.FirstFrame, t.LastFrame, t.Length, t.Score, t.ClassId, [t.RepresentativeBox.X1, t.RepresentativeBox.Y1, t.RepresentativeBox.X2, t.RepresentativeBox.Y2]);
}

/// <summary>Per-stage times of one result in milliseconds on the pipeline clock (see <see cref="ResultTimings"/>).</summary>
public sealed record TimingsRecord(double FrameArrival, double TriggerArrival, double PreprocessEnd, double InferenceStart,
    double InferenceEnd, double TrajectoryUpdate, double DisplayHandOff, double EndToEnd, double Evidence);

/// <summary>
/// One result as the recorder's detections file and the audit trail write it (one shape for both).
/// </summary>
public sealed record ResultRecord(int Run, int Frame, int Trigger, DetectionRecord[] Detections, TrajectoryRecord? Best, TimingsRecord TimingsMs, long SkippedWindows)
{
    public static ResultRecord From(ResultReady ready)
    {
        LiveResult r = ready.Result;
        ResultTimings t = r.Timings;
        var timings = new TimingsRecord(Ms(t.FrameArrival), Ms(t.TriggerArrival), Ms(t.PreprocessEnd), Ms(t.InferenceStart),
            Ms(t.InferenceEnd), Ms(t.TrajectoryUpdate), Ms(ready.DisplayHandOff), Ms(ready.EndToEnd), Ms(ready.Evidence));
        return new ResultRecord(r.Frame.RunNumber, r.FrameIndex, r.TriggerFrameIndex,
            r.Detections.Detections.Select(DetectionRecord.From).ToArray(), TrajectoryRecord.From(r.Best), timings, r.SkippedWindows);
    }

    /// <summary>Milliseconds rounded to the microsecond (what the files keep).</summary>
    public static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);
}
