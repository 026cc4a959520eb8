using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Recording;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// The audit file of one pipeline run: model id, weights hash, device and settings first; then each run's hashed study and
/// series identifiers (no names, no UIDs in clear), every frame's arrival and hand-off, every result with its detections
/// and timings, skipped windows, status changes and faults; the summary last. Hash-chained (<see cref="AuditChain"/>).
/// </summary>
internal sealed class AuditTrail : IPipelineSink, IDisposable
{
    readonly AuditWriter writer;

    AuditTrail(AuditWriter writer, AuditKey? key, DetectorInfo detector, PipelineOptions options, string source)
    {
        this.writer = writer;
        this.writer.Append("start", new
        {
            seal = key is null ? "sha256" : "hmac-sha256",
            keyId = key?.Id,
            tool = typeof(AuditTrail).Assembly.GetName().Version?.ToString(),
            model = detector.ModelId,
            weightsSha256 = detector.WeightsSha256,
            device = detector.Device,
            inputSize = detector.InputSize,
            window = TemporalWindow.Of(detector).ToString(),
            classes = detector.Classes.Names,
            sourceSha256 = Identifiers.Hash(source),
            queues = new { frames = options.FrameQueue.ToString(), inputs = options.InputQueue.ToString(), results = options.ResultQueue.ToString(), sinks = options.SinkQueue.ToString() },
            windows = options.Windows,
            staleAfterMs = options.StaleAfter.TotalMilliseconds,
            stallTimeoutMs = options.StallTimeout.TotalMilliseconds,
        });
    }

    /// <summary>
    /// A new audit file in <paramref name="directory"/> (claimed by the <see cref="OutputFolder"/> rule), named by the UTC
    /// start time and a random suffix, sealed with <paramref name="key"/> when given.
    /// </summary>
    /// <exception cref="OutputFolderException">The folder is refused or cannot be written.</exception>
    public static AuditTrail InDirectory(string directory, DetectorInfo detector, PipelineOptions options, string source, AuditKey? key = null)
    {
        OutputFolder folder = OutputFolder.Claim(directory, OutputKind.Audit);
        string name = $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}.jsonl";
        return new AuditTrail(new AuditWriter(folder, name, key), key, detector, options, source);
    }

    public string Path => writer.Path;

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted s:
                writer.Append("run", new { run = s.RunNumber, study = Identifiers.Hash(s.Series.StudyInstanceUid), series = Identifiers.Hash(s.Series.SeriesInstanceUid), modality = s.Series.Modality, rows = s.Series.Rows, columns = s.Series.Columns });
                break;
            case FrameReceived f:
                writer.Append("frame", new { run = f.Frame.RunNumber, frame = f.Frame.Index, arrivalMs = ResultRecord.Ms(f.Frame.Arrival), displayHandOffMs = ResultRecord.Ms(f.DisplayHandOff) });
                break;
            case ResultReady r:
                writer.Append("result", ResultRecord.From(r));
                break;
            case WindowSkipped w:
                writer.Append("skipped", new { run = w.RunNumber, frame = w.FrameIndex });
                break;
            case RunEnded r:
                writer.Append("run-end", new { run = r.RunNumber, lastFrame = r.LastFrameIndex, finding = TrajectoryRecord.From(r.Finding) });
                break;
            case StatusChanged c:
                writer.Append("status", new { source = c.Status.Source, ai = c.Status.Ai, text = c.Status.Text });
                break;
            case SourceNoted n:
                writer.Append("input", new { message = n.Message });
                break;
            case FaultRaised e:
                writer.Append("fault", new { kind = e.Fault.Kind, run = e.Fault.RunNumber, frame = e.Fault.FrameIndex, message = e.Fault.Message });
                break;
        }
    }

    /// <summary>Closes the file without an end record (a session that never started; verify calls it cut short).</summary>
    public void Dispose() => writer.Dispose();

    public void Complete(PipelineSummary summary)
    {
        using (writer)
            writer.Append("end", summary);
    }
}
