using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Sinks;

/// <summary>
/// The headless view: one line per analysed frame (best box of the frame, best trajectory so far, latencies), a line for
/// each skipped window, status change and fault, the run's finding when its analysis ends, and a summary with latency
/// percentiles at the end. Every line names its run.
/// </summary>
internal sealed class ConsoleReport : IPipelineSink
{
    readonly TextWriter output;
    readonly ClassSet classes;
    readonly List<double> endToEndMs = new();
    readonly List<double> handOffMs = new();

    public ConsoleReport(TextWriter output, ClassSet classes)
    {
        this.output = output;
        this.classes = classes;
    }

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted s:
                output.WriteLine($"run {s.RunNumber}: {s.Series.Columns}x{s.Series.Rows} {s.Series.Modality}, series {Identifiers.Hash(s.Series.SeriesInstanceUid)[..12]}");
                break;
            case FrameReceived f:
                handOffMs.Add(f.HandOffLatency.TotalMilliseconds);
                break;
            case ResultReady r:
                endToEndMs.Add(r.EndToEnd.TotalMilliseconds);
                output.WriteLine(Line(r));
                break;
            case RunEnded ended:
                output.WriteLine($"run {ended.RunNumber} ended at frame {ended.LastFrameIndex}: {(ended.Finding is { } finding ? "finding " + FindingText.Describe(finding, classes) : "no finding")}");
                break;
            case WindowSkipped w:
                output.WriteLine($"run {w.RunNumber} frame {w.FrameIndex,4} | window skipped (model behind; newest window wins)");
                break;
            case StatusChanged c:
                output.WriteLine($"status: {c.Status.Text}");
                break;
            case FaultRaised e:
                output.WriteLine($"fault ({e.Fault.Kind}{(e.Fault.RunNumber is int run ? $", run {run}" : "")}): {e.Fault.Message}");
                break;
            case SourceNoted n:
                output.WriteLine($"input: {n.Message}");
                break;
        }
    }

    public void Complete(PipelineSummary summary)
    {
        output.WriteLine($"summary: {summary}");
        if (endToEndMs.Count > 0)
            output.WriteLine($"latency: end-to-end p50 {Percentile.Of(endToEndMs, 50):0.0} ms, p95 {Percentile.Of(endToEndMs, 95):0.0} ms, " +
                $"p99 {Percentile.Of(endToEndMs, 99):0.0} ms, max {endToEndMs.Max():0.0} ms over {endToEndMs.Count} results; " +
                $"skipped windows {summary.WindowsSkipped}; live image hand-off p99 {Percentile.Of(handOffMs, 99):0.00} ms");
        output.Flush();
    }

    string Line(ResultReady ready)
    {
        LiveResult r = ready.Result;
        string box = r.Detections.Detections.Count == 0 ? "no detection"
            : Describe(r.Detections.Detections[0]);
        string best = r.Best is null ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"frames {r.Best.FirstFrame}-{r.Best.LastFrame}, score {r.Best.Score:0.00}");
        return string.Create(CultureInfo.InvariantCulture,
            $"run {r.RunNumber} frame {r.FrameIndex,4} | {box} | best: {best} | e2e {ready.EndToEnd.TotalMilliseconds:0} ms, evidence {ready.Evidence.TotalMilliseconds:0} ms, skipped {r.SkippedWindows}");
    }

    string Describe(Detection d) =>
        string.Create(CultureInfo.InvariantCulture, $"{classes.NameOf(d.ClassId)} {d.Score:0.00} at ({d.Box.X1:0},{d.Box.Y1:0})-({d.Box.X2:0},{d.Box.Y2:0})");
}
