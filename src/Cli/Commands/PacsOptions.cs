using System.CommandLine;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Pacs;
using OccluNet.Live.Pacs.Sending;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// The result-object options of replay and live (docs/pacs.md): --results DIR (a GSPS and an SR per run, written
/// there), --send AET@HOST:PORT (queued in the outbox and C-STOREd), --outbox DIR, --uid-root ROOT.
/// </summary>
internal sealed class PacsOptions
{
    /// <summary>How long a command waits at its end for a node that is down before leaving the rest queued.</summary>
    static readonly TimeSpan FinishLimit = TimeSpan.FromSeconds(10);

    public Option<string?> Results { get; } = new("--results") { Description = "Write each run's result as a DICOM presentation state (GSPS) and structured report (SR) into this folder." };
    public Option<string?> Send { get; } = new("--send") { Description = "C-STORE each run's GSPS and SR to this DICOM node, AET@HOST:PORT (queued on disk while it cannot be reached)." };
    public Option<string?> Outbox { get; } = new("--outbox") { Description = "The send queue's folder (default: $OCCLUNET_OUTBOX, else $XDG_STATE_HOME/occlunet/outbox, else ~/.local/state/occlunet/outbox)." };
    public Option<string> UidRoot { get; } = new("--uid-root") { Description = "Root of the UIDs of the objects written (default 2.25, UUID-derived).", DefaultValueFactory = _ => DicomUids.UuidRoot };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Results, Send, Outbox, UidRoot }) command.Options.Add(option);
    }

    /// <summary>A user error in these options, or null; checked before the model loads.</summary>
    public string? Check(ParseResult parse, string command)
    {
        if (DicomUids.RootProblem(parse.GetValue(UidRoot)!) is { } problem) return $"{command}: --uid-root: {problem}";
        if (parse.GetValue(Send) is { } node)
        {
            try { DicomNode.Parse(node); }
            catch (FormatException e) { return $"{command}: --send {e.Message}"; }
        }
        if (parse.GetValue(Results) is { } folder && File.Exists(folder)) return $"{command}: --results {folder} is a file; give a folder";
        return null;
    }

    /// <summary>The delivery and its collector sink, or (null, null) when neither --results nor --send was given.</summary>
    public (ResultDelivery? Delivery, IPipelineSink? Collector) Start(ParseResult parse, LoadedModel model, TextWriter console)
    {
        string? results = parse.GetValue(Results), send = parse.GetValue(Send);
        if (results is null && send is null) return (null, null);
        void Log(string line) => console.WriteLine($"pacs: {line}");
        var outbox = send is null ? null : new Outbox(parse.GetValue(Outbox) ?? Pacs.Sending.Outbox.DefaultRoot, DicomNode.Parse(send));
        string root = parse.GetValue(UidRoot)!;
        var delivery = new ResultDelivery(results, outbox, root, Log);
        var provenance = ModelProvenance.Of(model.Detector.Info, model.Metadata, model.Settings);
        return (delivery, new RunResultCollector(model.Detector.Info.Classes, provenance, root, delivery.Deliver, Log));
    }

    /// <summary>At the end of the command: the last chance for the node, then what is still queued.</summary>
    public static async Task FinishAsync(ResultDelivery? delivery)
    {
        if (delivery is null) return;
        await delivery.FinishAsync(FinishLimit);
        await delivery.DisposeAsync();
    }
}
