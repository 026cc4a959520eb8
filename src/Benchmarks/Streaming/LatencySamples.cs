using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// Collects per-stage latencies from the event stream (milliseconds). The first <see cref="WarmUpFrames"/> frames of the
/// first run are left out (lazy initialisation, first kernel choices).
/// </summary>
public sealed class LatencySamples : IPipelineSink
{
    public const int WarmUpFrames = 5;

    readonly Dictionary<(int Run, int Frame), TimeSpan> arrivals = new();
    LiveResult? latest;

    public Dictionary<string, List<double>> Stages { get; } = new()
    {
        ["frame hand-off"] = new(), ["preprocess"] = new(), ["queue wait"] = new(), ["inference"] = new(),
        ["trajectory"] = new(), ["result hand-off"] = new(), ["end-to-end"] = new(), ["evidence"] = new(), ["result age"] = new(),
    };

    public Dictionary<int, string> RunNames { get; } = new();

    /// <summary>Per run: the arrival of each frame and each displayed result (for time-to-first-correct-box).</summary>
    public Dictionary<int, List<(int Frame, TimeSpan HandOff, IReadOnlyList<Detection> Detections)>> Results { get; } = new();

    public IReadOnlyDictionary<(int Run, int Frame), TimeSpan> Arrivals => arrivals;
    public PipelineSummary? Summary { get; private set; }

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted s:
                RunNames[s.RunNumber] = s.Series.SourceName;
                Results[s.RunNumber] = new();
                break;
            case FrameReceived f:
                arrivals[(f.Frame.RunNumber, f.Frame.Index)] = f.Frame.Arrival;
                if (Counts(f.Frame.RunNumber, f.Frame.Index)) Add("frame hand-off", f.HandOffLatency);
                // How old the newest result is when this frame is shown (the AI panel beside the live image).
                if (this.latest is { } latest && latest.Frame.RunNumber == f.Frame.RunNumber && Counts(f.Frame.RunNumber, f.Frame.Index))
                    Add("result age", f.Frame.Arrival - latest.Frame.Arrival);
                break;
            case ResultReady r:
                this.latest = r.Result;
                Results[r.Result.Frame.RunNumber].Add((r.Result.FrameIndex, r.DisplayHandOff, r.Result.Detections.Detections));
                if (Counts(r.Result.Frame.RunNumber, r.Result.TriggerFrameIndex)) AddResult(r);
                break;
        }
    }

    public void Complete(PipelineSummary summary) => Summary = summary;

    static bool Counts(int run, int frame) => run > 0 || frame >= WarmUpFrames;

    void AddResult(ResultReady r)
    {
        ResultTimings t = r.Result.Timings;
        Add("preprocess", t.Preprocess);
        Add("queue wait", t.QueueWait);
        Add("inference", t.Inference);
        Add("trajectory", t.Trajectory);
        Add("result hand-off", r.DisplayHandOff - t.TrajectoryUpdate);
        Add("end-to-end", r.EndToEnd);
        Add("evidence", r.Evidence);
    }

    void Add(string stage, TimeSpan value) => Stages[stage].Add(value.TotalMilliseconds);
}
