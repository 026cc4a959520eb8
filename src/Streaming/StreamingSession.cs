using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Streaming.Audit;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Recording;
using OccluNet.Live.Streaming.Sinks;

namespace OccluNet.Live.Streaming;

/// <summary>What a command attaches to one pipeline run besides the source and the model.</summary>
public sealed record SessionSinks
{
    /// <summary>One line per frame and a summary (headless), or null.</summary>
    public TextWriter? Console { get; init; }

    /// <summary><c>--record DIR</c>, or null.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Where the run's audit file goes (a new file per run), or null for none.</summary>
    public string? AuditDirectory { get; init; }

    /// <summary>The site's key for sealing the audit trail (HMAC), or null for a plain SHA-256 chain.</summary>
    public AuditKey? AuditKey { get; init; }

    /// <summary>The live view (the overlay), or null when headless.</summary>
    public IDisplaySink? Display { get; init; }

    /// <summary>Anything else that wants the event stream (a latency collector).</summary>
    public IReadOnlyList<IPipelineSink> Extra { get; init; } = [];
}

/// <summary>The one way the replay, live and bench commands build and run the pipeline.</summary>
public static class StreamingSession
{
    /// <summary>
    /// Creates the sinks (failing with an <see cref="Domain.OutputFolderException"/> before any frame is read when a folder
    /// is refused or unusable), composes and runs. The trajectory rule gets the model's own minimum of points.
    /// </summary>
    public static async Task<PipelineSummary> RunAsync(IFrameSource source, LoadedModel model, PipelineOptions options,
        SessionSinks sinks, CancellationToken cancellationToken)
    {
        options = options with { Trajectories = options.Trajectories.For(model.Detector.Info) };
        var all = new List<IPipelineSink>();
        try
        {
            if (sinks.RecordDirectory is string record) all.Add(new RunRecorder(record));
            if (sinks.AuditDirectory is string audit) all.Add(AuditTrail.InDirectory(audit, model.Detector.Info, options, source.Name, sinks.AuditKey));
        }
        catch (OutputFolderException)
        {
            foreach (var opened in all.OfType<IDisposable>()) opened.Dispose();
            throw;
        }
        if (sinks.Console is TextWriter console) all.Insert(0, new ConsoleReport(console, model.Detector.Info.Classes));
        all.AddRange(sinks.Extra);
        var pipeline = StreamingPipeline.Compose(source, new ModelInputPreparer(model.Preprocessor), model.Detector, options, sinks.Display, all);
        return await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
