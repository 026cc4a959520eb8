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
    readonly string? _resultsFolder;
    readonly Outbox? _outbox;
    readonly OutboxSender? _sender;
    readonly string _uidRoot;
    readonly Action<string> _log;

    public ResultDelivery(string? resultsFolder, Outbox? outbox, string uidRoot, Action<string> log)
    {
        _resultsFolder = resultsFolder;
        _outbox = outbox;
        _uidRoot = uidRoot;
        _log = log;
        _sender = outbox is null ? null : new OutboxSender(outbox, log);
        if (outbox is not null && outbox.Pending().Count > 0)
            log($"{outbox.Pending().Count} object(s) from earlier still queued for {outbox.Node} in {outbox.Folder}; sending them first");
        _sender?.Wake();
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
            string folder = _resultsFolder ?? Path.Combine(_outbox!.Folder, ".new");
            IReadOnlyList<ResultObject> objects = ResultObjects.Write(result, folder, _uidRoot);
            if (_outbox is not null)
            {
                foreach (var o in objects) _outbox.Add(o.Path, move: _resultsFolder is null);
                _sender!.Wake();
            }
            Delivered++;
            string where = _resultsFolder is null ? $"queued for {_outbox!.Node}" : $"in {_resultsFolder}{(_outbox is null ? "" : $", queued for {_outbox.Node}")}";
            _log($"{result.Image.SourceName}: GSPS + SR ({what}) {where}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DicomFileException)
        {
            Failed++;
            _log($"{result.Image.SourceName}: result objects not written ({e.Message}); this run's GSPS and SR are lost");
        }
    }

    /// <summary>Gives the node up to <paramref name="limit"/> for what is still queued; returns how many files still wait.</summary>
    public async Task<int> FinishAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        if (_sender is null || _outbox is null) return 0;
        int waiting = await _sender.FinishAsync(limit, cancellationToken).ConfigureAwait(false);
        _log(waiting == 0
            ? $"all result objects stored on {_outbox.Node}"
            : $"{waiting} object(s) still queued for {_outbox.Node} in {_outbox.Folder}; `occlunet send --to {_outbox.Node}` (or the next run) sends them");
        return waiting;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sender is not null) await _sender.DisposeAsync().ConfigureAwait(false);
    }
}
