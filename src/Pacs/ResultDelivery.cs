using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Pacs.Sending;

namespace OccluNet.Live.Pacs;

/// <summary>
/// Where each run's result objects go: written into a results folder, queued for a node and sent in the background,
/// or both. <see cref="Deliver"/> runs on the pipeline's sink task and only writes files (milliseconds); sending happens
/// on the <see cref="OutboxSender"/>. Nothing here throws for a full disk or a node that is down: it says so in one
/// line and counts it.
/// </summary>
public sealed class ResultDelivery : IAsyncDisposable
{
    readonly string? resultsFolder;
    readonly Outbox? outbox;
    readonly OutboxSender? sender;
    readonly string uidRoot;
    readonly Action<string> log;

    public ResultDelivery(string? resultsFolder, Outbox? outbox, string uidRoot, Action<string> log)
    {
        this.resultsFolder = resultsFolder;
        this.outbox = outbox;
        this.uidRoot = uidRoot;
        this.log = log;
        sender = outbox is null ? null : new OutboxSender(outbox, log);
        if (outbox is not null && outbox.Pending().Count > 0)
            log($"{outbox.Pending().Count} object(s) from earlier still queued for {outbox.Node} in {outbox.Folder}; sending them first");
        sender?.Wake();
    }

    /// <summary>Runs whose objects were written.</summary>
    public int Delivered { get; private set; }

    /// <summary>Runs whose objects could not be written or queued (full disk, permissions).</summary>
    public int Failed { get; private set; }

    public void Deliver(RunResult result)
    {
        string what = result.Finding is { } f ? $"{f.ClassName} {Math.Round(f.Confidence * 100):0} %" : "no finding";
        try
        {
            string folder = resultsFolder ?? Path.Combine(outbox!.Folder, ".new");
            IReadOnlyList<ResultObject> objects = ResultObjects.Write(result, folder, uidRoot);
            if (outbox is not null)
            {
                foreach (var o in objects) outbox.Add(o.Path, move: resultsFolder is null);
                sender!.Wake();
            }
            Delivered++;
            string where = resultsFolder is null ? $"queued for {outbox!.Node}" : $"in {resultsFolder}{(outbox is null ? "" : $", queued for {outbox.Node}")}";
            log($"{result.Image.SourceName}: GSPS + SR ({what}) {where}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DicomFileException)
        {
            Failed++;
            log($"{result.Image.SourceName}: result objects not written ({e.Message}); this run's GSPS and SR are lost");
        }
    }

    /// <summary>Gives the node up to <paramref name="limit"/> for what is still queued; returns how many files still wait.</summary>
    public async Task<int> FinishAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        if (sender is null || outbox is null) return 0;
        int waiting = await sender.FinishAsync(limit, cancellationToken).ConfigureAwait(false);
        log(waiting == 0
            ? $"all result objects stored on {outbox.Node}"
            : $"{waiting} object(s) still queued for {outbox.Node} in {outbox.Folder}; `occlunet send --to {outbox.Node}` (or the next run) sends them");
        return waiting;
    }

    public async ValueTask DisposeAsync()
    {
        if (sender is not null) await sender.DisposeAsync().ConfigureAwait(false);
    }
}
