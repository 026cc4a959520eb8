using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Pacs;

/// <summary>
/// The end-of-run hook: follows the event stream and, when a run's final result is known, hands its
/// <see cref="RunResult"/> to <paramref name="onRunFinished"/> (on the sink task, in run order). Results are filed by
/// the run number they carry, never by "the newest run": a run's last results arrive after the next run has started.
/// A run is final when a later run's result (or skipped window) arrives, since the trajectory stage works in order, or
/// when the pipeline completes. Its finding is the best trajectory of its last result; the frames that showed it are
/// those whose result's best trajectory had the same start. A run with frames but no result was not analysed and gets
/// no objects (<paramref name="log"/> says so).
/// </summary>
public sealed class RunResultCollector(ClassSet classes, ModelProvenance model, string uidRoot, Action<RunResult> onRunFinished, Action<string> log) : IPipelineSink
{
    sealed class RunState(SeriesInfo series)
    {
        public SeriesInfo Series { get; } = series;
        public int Frames { get; set; }
        public FindingFollower Finding { get; } = new();
    }

    readonly SortedDictionary<int, RunState> _open = new();

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                _open[started.RunNumber] = new RunState(started.Series);
                break;
            case FrameReceived received when _open.TryGetValue(received.Frame.RunNumber, out var run):
                run.Frames++;
                break;
            case ResultReady ready:
                FinishRunsBefore(ready.Result.Frame.RunNumber);
                if (_open.TryGetValue(ready.Result.Frame.RunNumber, out var analysed)) analysed.Finding.Add(ready.Result.FrameIndex, ready.Result.Best);
                break;
            case WindowSkipped skipped:
                FinishRunsBefore(skipped.RunNumber);
                break;
        }
    }

    public void Complete(PipelineSummary summary) => FinishRunsBefore(int.MaxValue);

    void FinishRunsBefore(int runNumber)
    {
        foreach (int number in _open.Keys.Where(n => n < runNumber).ToArray())
        {
            RunState run = _open[number];
            _open.Remove(number);
            if (run.Finding.Results == 0)
            {
                log($"{run.Series.SourceName}: no result for this run ({run.Frames} frames), so no presentation state or report");
                continue;
            }
            RunImage image = RunImage.From(run.Series, run.Frames, uidRoot);
            foreach (string substitution in image.Substitutions) log($"{image.SourceName}: {substitution}");
            onRunFinished(new RunResult(image, run.Finding.Finding(classes), model, DateTimeOffset.Now));
        }
    }
}
