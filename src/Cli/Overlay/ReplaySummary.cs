using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Sinks;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// Collects what the end-of-replay summary says, per run: the run's finding (its final best trajectory: class, box in
/// image pixels, confidence and frames, as <see cref="RunEnded"/> gives it to the overlay too), the frame of the first
/// detection, the first frame whose result showed that trajectory; an input that gave no frame gets a line saying why;
/// and over the whole replay end-to-end latency p50/p99 and skipped windows.
/// Everything is attributed by run number (a run's last results arrive after the next run has started), and source
/// faults by the input they name. A run with its ground truth beside it (NAME.json in <paramref name="truthFolder"/>, as
/// `occlunet synth` writes) also gets the sequence metric's verdict, judged as `occlunet eval` judges it with the
/// pipeline's trajectory rule (<paramref name="rule"/>, 640-space distances).
/// </summary>
internal sealed class ReplaySummary(ClassSet classes, TrajectoryOptions rule, string? truthFolder = null) : IPipelineSink
{
    sealed class RunDigest(string name)
    {
        public string Name { get; } = name;
        public int Frames { get; set; }
        public int Unreadable { get; set; }
        public int? FirstDetection { get; set; }
        public Trajectory? Best { get; set; }
        public bool Ended { get; set; }
        public List<FrameDetections> Detections { get; } = new();
        /// <summary>By a trajectory's start (frame, rank), the first result frame that showed it.</summary>
        public Dictionary<(int Frame, int Rank), int> FirstShown { get; } = new();
    }

    /// <summary>An input (file) that delivered no frame, in the order its first fault came.</summary>
    sealed record UnreadInput(string Name, string Reason);

    readonly SortedDictionary<int, RunDigest> runs = new();
    readonly List<UnreadInput> unread = new();
    /// <summary>Source faults not attributed to a run, by input name: an input that later starts a run takes them.</summary>
    readonly Dictionary<string, List<PipelineFault>> pendingFaults = new(StringComparer.Ordinal);

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                var digest = new RunDigest(started.Series.SourceName ?? $"run {started.RunNumber}");
                if (pendingFaults.Remove(digest.Name, out var earlier)) digest.Unreadable += earlier.Count(f => f.FrameIndex is not null);
                runs[started.RunNumber] = digest;
                break;
            case FrameReceived received when runs.TryGetValue(received.Frame.RunNumber, out var run):
                run.Frames++;
                break;
            case ResultReady ready:
                if (runs.TryGetValue(ready.Result.RunNumber, out var resultRun)) Add(resultRun, ready.Result);
                break;
            case RunEnded ended when runs.TryGetValue(ended.RunNumber, out var endedRun):
                endedRun.Best = ended.Finding;
                endedRun.Ended = true;
                break;
            case FaultRaised { Fault: { Kind: FaultKind.CorruptFrame } fault }:
                Attribute(fault);
                break;
        }
    }

    void Add(RunDigest run, LiveResult result)
    {
        run.Detections.Add(result.Detections);
        if (result.Detections.Detections.Count > 0) run.FirstDetection ??= result.FrameIndex;
        if (result.Best is not { } best) return;
        run.Best = best;
        run.FirstShown.TryAdd((best.Start.FrameIndex, best.Start.Rank), result.FrameIndex);
    }

    void Attribute(PipelineFault fault)
    {
        if (fault.RunNumber is int number && runs.TryGetValue(number, out var run))
        {
            if (fault.FrameIndex is not null) run.Unreadable++;
            return;
        }
        if (fault.SourceName is not string source) return;
        if (!pendingFaults.TryGetValue(source, out var list)) pendingFaults[source] = list = new();
        list.Add(fault);
    }

    public void Complete(PipelineSummary summary)
    {
        foreach (var (source, faults) in pendingFaults)
            unread.Add(new UnreadInput(source, faults[0].Message));
        pendingFaults.Clear();
    }

    public void Write(TextWriter output, string? snapshotFolder, IReadOnlyList<string> snapshots)
    {
        foreach (var run in runs.Values) output.WriteLine(Describe(run));
        foreach (var input in unread) output.WriteLine($"result {input.Name}: not analysed, no frame could be read ({input.Reason})");
        if (snapshotFolder is not null)
            output.WriteLine(snapshots.Count == 0 ? $"snapshots: none written in {snapshotFolder}"
                : $"snapshots: {snapshots.Count} PNGs in {snapshotFolder} ({Path.GetFileName(snapshots[0])} .. {Path.GetFileName(snapshots[^1])})");
    }

    string Describe(RunDigest run)
    {
        string frames = $"{run.Frames} frames{(run.Unreadable > 0 ? $", {run.Unreadable} unreadable" : "")}{(run.Ended ? "" : ", analysis interrupted")}";
        if (run.Best is not { } best)
            return $"result {run.Name}: no occlusion detected ({frames}{(run.FirstDetection is { } f ? $"; single detections from frame {f}, no trajectory" : "")}){Verdict(run)}";
        string shown = run.FirstShown.TryGetValue((best.Start.FrameIndex, best.Start.Rank), out int s) ? s.ToString(CultureInfo.InvariantCulture) : "?";
        return $"result {run.Name}: {FindingText.Describe(best, classes)}; first detection at frame {run.FirstDetection}; best box first shown with frame {shown} ({frames}){Verdict(run)}";
    }

    /// <summary>"; verdict TruePositive" when the run's ground truth is beside it, else nothing.</summary>
    string Verdict(RunDigest run)
    {
        string? path = truthFolder is null ? null : Path.Combine(truthFolder, Path.ChangeExtension(run.Name, ".json"));
        if (path is null || !File.Exists(path)) return "";
        try
        {
            var metric = EvaluationOptions.Paper with { Trajectories = rule, Classes = classes };
            return $"; verdict {SequenceEvaluator.Judge(new RunPrediction(GroundTruthFile.Load(path), run.Detections), metric).Verdict}";
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or System.Text.Json.JsonException)
        {
            return $"; no verdict ({Path.GetFileName(path)}: {e.Message})";
        }
    }
}
