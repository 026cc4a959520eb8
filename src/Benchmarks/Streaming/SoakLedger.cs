using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>What the drop-folder soak checked: frames expected (every good frame sent) against received, and attribution.</summary>
public sealed record SoakAccount(long FilesSent, long FramesExpected, long FramesReceived, long BrokenFiles, long SlowWrites,
    long DuplicatesSent, long DuplicatesSaid, long Stalls, long SourceFaults, long Results, long Misattributed, long RunsSpanningFiles)
{
    /// <summary>Nothing lost (every good frame received, every duplicate said) and nothing misattributed.</summary>
    public bool Holds => FramesReceived == FramesExpected && DuplicatesSaid == DuplicatesSent && SourceFaults == BrokenFiles
        && Misattributed == 0 && RunsSpanningFiles == 0;
}

/// <summary>
/// The drop-folder soak's sink: frames received (the sender waits on it to stay at most a file ahead), duplicate notices,
/// source faults, and per result whether its run is the run of its frame's file (each file has its own series UID).
/// Per-run state is dropped at the run's end, so the ledger itself stays flat.
/// </summary>
internal sealed class SoakLedger : IPipelineSink
{
    readonly object _gate = new();
    readonly Dictionary<int, string> _seriesOfRun = new();
    readonly HashSet<string> _seriesSeen = new(StringComparer.Ordinal);
    long _frames, _duplicates, _faults, _results, _misattributed, _spanning;
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long FramesReceived { get { lock (_gate) return _frames; } }
    public long DuplicatesSaid { get { lock (_gate) return _duplicates; } }
    public long FaultsSaid { get { lock (_gate) return _faults; } }

    public void Handle(PipelineEvent pipelineEvent)
    {
        lock (_gate)
        {
            switch (pipelineEvent)
            {
                case RunStarted started:
                    // A series seen before would be a file split into two runs (or two files merged into one).
                    if (!_seriesSeen.Add(started.Series.SeriesInstanceUid)) _spanning++;
                    _seriesOfRun[started.RunNumber] = started.Series.SeriesInstanceUid;
                    break;
                case FrameReceived:
                    _frames++;
                    break;
                case ResultReady ready:
                    _results++;
                    var frame = ready.Result.Frame;
                    if (_seriesOfRun.GetValueOrDefault(frame.RunNumber) != frame.Series.SeriesInstanceUid) _misattributed++;
                    break;
                case RunEnded ended:
                    _seriesOfRun.Remove(ended.RunNumber);
                    break;
                case SourceNoted noted when noted.Message.Contains("duplicate of", StringComparison.Ordinal):
                    _duplicates++;
                    break;
                case FaultRaised:
                    _faults++;
                    break;
                default:
                    return;
            }
            var changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
    }

    public void Complete(PipelineSummary summary) { }

    /// <summary>Waits until <paramref name="holds"/> is true of the ledger (checked at each event).</summary>
    public async Task WaitUntilAsync(Func<SoakLedger, bool> holds, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_gate) next = _changed.Task;
            if (holds(this)) return;
            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public SoakAccount Account(DropFolderSender sender)
    {
        lock (_gate)
            return new SoakAccount(sender.FilesSent, sender.FramesExpected, _frames, sender.BrokenFiles, sender.SlowWrites,
                sender.DuplicatesSent, _duplicates, sender.Stalls, _faults, _results, _misattributed, _spanning);
    }
}
