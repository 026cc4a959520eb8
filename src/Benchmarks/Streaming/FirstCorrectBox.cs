using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// Time from the arrival of the first frame in which the occlusion is visible to the display hand-off of the first result
/// whose best detection is within the paper's 25 px (at 640) of the clot. Needs the run's ground truth beside it
/// (same name, .json).
/// </summary>
public sealed record FirstCorrectBox(string Run, int FirstVisibleFrame, int? FirstCorrectFrame, double? Milliseconds)
{
    public static IReadOnlyList<FirstCorrectBox> Measure(LatencySamples samples, string dataPath)
    {
        string folder = Directory.Exists(dataPath) ? dataPath : Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
        var found = new List<FirstCorrectBox>();
        foreach ((int run, string name) in samples.RunNames)
        {
            string truthPath = Path.Combine(folder, Path.ChangeExtension(name, ".json"));
            if (!File.Exists(truthPath) || GroundTruthFile.Load(truthPath).Truth is not { Occlusion: { } occlusion } truth) continue;
            found.Add(For(samples, run, name, truth, occlusion));
        }
        return found;
    }

    static FirstCorrectBox For(LatencySamples samples, int run, string name, RunTruth truth, OcclusionTruth occlusion)
    {
        float radius = TrajectoryOptions.Paper.LinkRadius * TrajectoryOptions.ModelToImageFactor(truth.Width, truth.Height);
        int first = occlusion.FirstVisibleFrame;
        if (!samples.Arrivals.TryGetValue((run, first), out TimeSpan visibleAt)) return new(name, first, null, null);
        foreach (var (frame, handOff, detections) in samples.Results[run])
        {
            if (frame < first || detections.Count == 0) continue;
            Box box = detections[0].Box;
            float dx = box.CenterX - occlusion.ClotX, dy = box.CenterY - occlusion.ClotY;
            if (MathF.Sqrt(dx * dx + dy * dy) <= radius) return new(name, first, frame, (handOff - visibleAt).TotalMilliseconds);
        }
        return new(name, first, null, null);
    }
}
