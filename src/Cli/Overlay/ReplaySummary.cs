using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// Collects what the end-of-replay summary says, per run: the best trajectory's class and box (image pixels, its
/// highest-confidence member), the frame of the first detection, the first frame whose result showed that best
/// trajectory; and over the whole replay end-to-end latency p50/p99 and skipped windows.
/// </summary>
public sealed class ReplaySummary(ClassSet classes) : IPipelineSink
{
    sealed class RunDigest(string name)
    {
        public string Name { get; } = name;
        public int Frames { get; set; }
        public int? FirstDetection { get; set; }
        public Trajectory? Best { get; set; }
        /// <summary>By a trajectory's start (frame, rank), the first result frame that showed it.</summary>
        public Dictionary<(int Frame, int Rank), int> FirstShown { get; } = new();
    }

    readonly List<RunDigest> runs = new();
    readonly List<double> endToEndMs = new();
    PipelineSummary? totals;

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                runs.Add(new RunDigest(started.Series.SourceName ?? $"run {started.RunNumber}"));
                break;
            case FrameReceived when runs.Count > 0:
                runs[^1].Frames++;
                break;
            case ResultReady ready when runs.Count > 0:
                Add(runs[^1], ready);
                break;
        }
    }

    void Add(RunDigest run, ResultReady ready)
    {
        endToEndMs.Add(ready.EndToEnd.TotalMilliseconds);
        var result = ready.Result;
        if (result.Detections.Detections.Count > 0) run.FirstDetection ??= result.FrameIndex;
        if (result.Best is not { } best) return;
        run.Best = best;
        run.FirstShown.TryAdd((best.Start.FrameIndex, best.Start.Rank), result.FrameIndex);
    }

    public void Complete(PipelineSummary summary) => totals = summary;

    public void Write(TextWriter output, string? snapshotFolder, IReadOnlyList<string> snapshots)
    {
        foreach (var run in runs) output.WriteLine(Describe(run));
        string latency = endToEndMs.Count == 0 ? "no result"
            : string.Create(CultureInfo.InvariantCulture, $"end-to-end p50 {Percentile.Of(endToEndMs, 50):0} ms, p99 {Percentile.Of(endToEndMs, 99):0} ms over {endToEndMs.Count} results");
        output.WriteLine($"latency: {latency}; skipped windows {totals?.WindowsSkipped ?? 0}");
        if (snapshotFolder is not null)
            output.WriteLine(snapshots.Count == 0 ? $"snapshots: none written in {snapshotFolder}"
                : $"snapshots: {snapshots.Count} PNGs in {snapshotFolder} ({Path.GetFileName(snapshots[0])} .. {Path.GetFileName(snapshots[^1])})");
    }

    string Describe(RunDigest run)
    {
        if (run.Best is not { } best)
            return $"result {run.Name}: no occlusion detected ({run.Frames} frames{(run.FirstDetection is { } f ? $"; single detections from frame {f}, no trajectory" : "")})";
        Box box = best.RepresentativeBox;
        string name = best.ClassId >= 0 && best.ClassId < classes.Count ? classes.Names[best.ClassId] : $"class {best.ClassId}";
        return string.Create(CultureInfo.InvariantCulture,
            $"result {run.Name}: {name}, box ({box.X1:0},{box.Y1:0})-({box.X2:0},{box.Y2:0}) px, confidence {best.Peak.Detection.Score:0.00} at frame {best.Peak.FrameIndex}; " +
            $"first detection at frame {run.FirstDetection}; best box first shown with frame {run.FirstShown[(best.Start.FrameIndex, best.Start.Rank)]} " +
            $"(trajectory frames {best.FirstFrame}-{best.LastFrame}, {run.Frames} frames)");
    }
}
