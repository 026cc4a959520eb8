using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Pacs;

/// <summary>
/// The end-of-run hook: when the pipeline says a run's analysis is complete (<see cref="RunEnded"/>, with the run's final
/// best trajectory), hands its <see cref="RunResult"/> to <paramref name="onRunFinished"/> (on the sink task, in run
/// order). Results are filed by the run number they carry, never by "the newest run": a run's last results arrive after
/// the next run has started. The frames that showed the finding are those whose result's best trajectory had the same
/// start (<see cref="FindingFollower"/>). A run that never reached the model gets no objects (<paramref name="log"/>
/// says so when the pipeline completes).
/// </summary>
public sealed class RunResultCollector(ClassSet classes, ModelProvenance model, string uidRoot, Action<RunResult> onRunFinished, Action<string> log) : IPipelineSink
{
    sealed class RunState(SeriesInfo series)
    {
        public SeriesInfo Series { get; } = series;
        public int Frames { get; set; }
        public FindingFollower Finding { get; } = new();
    }

    readonly Dictionary<int, RunState> open = new();

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                open[started.RunNumber] = new RunState(started.Series);
                break;
            case FrameReceived received when open.TryGetValue(received.Frame.RunNumber, out var run):
                run.Frames++;
                break;
            case ResultReady ready when open.TryGetValue(ready.Result.Frame.RunNumber, out var analysed):
                analysed.Finding.Add(ready.Result.FrameIndex, ready.Result.Best);
                break;
            case RunEnded ended when open.Remove(ended.RunNumber, out var finished):
                finished.Finding.End(ended.Finding);
                Finish(finished, ended.Series);
                break;
        }
    }

    public void Complete(PipelineSummary summary)
    {
        foreach (var (_, run) in open.OrderBy(r => r.Key))
            log($"{run.Series.SourceName}: the model did not finish this run ({run.Frames} frames), so no presentation state or report");
        open.Clear();
    }

    void Finish(RunState run, SeriesInfo series)
    {
        RunImage image = RunImage.From(series, run.Frames, uidRoot);
        foreach (string substitution in image.Substitutions) log($"{image.SourceName}: {substitution}");
        onRunFinished(new RunResult(image, run.Finding.Finding(classes), model, DateTimeOffset.Now));
    }
}
