using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// When a correct box appeared, per run, measured from the arrival of the first frame in which the occlusion is visible
/// (needs the run's ground truth beside it: same name, .json). "Correct" is within the paper's 25 px (at 640) of the clot.
/// Three boxes: the newest detection (the first result whose top detection is correct), and the run's finding on screen
/// under the paper's trajectory rule (before: no gap bridged) and under the live rule (after: gaps of
/// <see cref="TrajectoryOptions.LiveMaxGap"/> frames bridged): the first result from which the run's final finding was
/// the box shown, when that finding is correct. Both rules are replayed over the same results, so they are compared on
/// the same detections and hand-off times, each with the model's own minimum of trajectory points.
/// </summary>
public sealed record FirstCorrectBox(string Run, int FirstVisibleFrame, ShownBox Newest, ShownBox PaperRule, ShownBox LiveRule)
{
    public static IReadOnlyList<FirstCorrectBox> Measure(LatencySamples samples, string dataPath, DetectorInfo detector)
    {
        string folder = Directory.Exists(dataPath) ? dataPath : Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
        var found = new List<FirstCorrectBox>();
        foreach ((int run, string name) in samples.RunNames)
        {
            string truthPath = Path.Combine(folder, Path.ChangeExtension(name, ".json"));
            if (!File.Exists(truthPath) || GroundTruthFile.Load(truthPath).Truth is not { Occlusion: { } occlusion } truth) continue;
            found.Add(For(samples, run, name, truth, occlusion, detector));
        }
        return found;
    }

    static FirstCorrectBox For(LatencySamples samples, int run, string name, RunTruth truth, OcclusionTruth occlusion, DetectorInfo detector)
    {
        float radius = TrajectoryOptions.Paper.LinkRadius * TrajectoryOptions.ModelToImageFactor(truth.Width, truth.Height);
        bool Correct(Box box) => MathF.Sqrt(Square(box.CenterX - occlusion.ClotX) + Square(box.CenterY - occlusion.ClotY)) <= radius;
        int first = occlusion.FirstVisibleFrame;
        var results = samples.Results[run];
        if (!samples.Arrivals.TryGetValue((run, first), out TimeSpan visibleAt)) return new(name, first, ShownBox.None, ShownBox.None, ShownBox.None);
        ShownBox Shown(int index) => new(results[index].Frame, (results[index].HandOff - visibleAt).TotalMilliseconds);

        int newest = results.FindIndex(r => r.Frame >= first && r.Detections.Count > 0 && Correct(r.Detections[0].Box));
        return new(name, first, newest < 0 ? ShownBox.None : Shown(newest),
            FindingShown(results, TrajectoryOptions.Paper.For(detector), truth, Correct) is int p ? Shown(p) : ShownBox.None,
            FindingShown(results, TrajectoryOptions.Live.For(detector), truth, Correct) is int l ? Shown(l) : ShownBox.None);
    }

    /// <summary>The index of the first result from which the run's final finding (under <paramref name="rule"/>) was shown, when it is correct.</summary>
    static int? FindingShown(List<(int Frame, TimeSpan HandOff, IReadOnlyList<Detection> Detections)> results, TrajectoryOptions rule, RunTruth truth, Func<Box, bool> correct)
    {
        var found = TrajectoryFinder.FindShown(results.Select(r => new FrameDetections(r.Frame, r.Detections)), rule.ForImage(truth.Width, truth.Height));
        if (found.Best is not { } final || !correct(final.RepresentativeBox)) return null;
        int shown = results.FindIndex(r => r.Frame == found.ShownWithFrame);
        return shown < 0 ? null : shown;
    }

    static float Square(float v) => v * v;
}

/// <summary>The result frame with which a box was first shown and its hand-off after the first visible frame (ms); null when never.</summary>
public sealed record ShownBox(int? Frame, double? Milliseconds)
{
    public static ShownBox None { get; } = new(null, null);

    public override string ToString() => Frame is int f ? $"frame {f} ({Milliseconds:+0;-0} ms)" : "never";
}
