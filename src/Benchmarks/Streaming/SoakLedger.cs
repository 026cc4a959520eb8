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
    readonly object gate = new();
    readonly Dictionary<int, string> seriesOfRun = new();
    readonly HashSet<string> seriesSeen = new(StringComparer.Ordinal);
    long frames, duplicates, faults, results, misattributed, spanning;
    TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long FramesReceived { get { lock (gate) return frames; } }
    public long DuplicatesSaid { get { lock (gate) return duplicates; } }
    public long FaultsSaid { get { lock (gate) return faults; } }

    public void Handle(PipelineEvent pipelineEvent)
    {
        lock (gate)
        {
            switch (pipelineEvent)
            {
                case RunStarted started:
                    // A series seen before would be a file split into two runs (or two files merged into one).
                    if (!seriesSeen.Add(started.Series.SeriesInstanceUid)) spanning++;
                    seriesOfRun[started.RunNumber] = started.Series.SeriesInstanceUid;
                    break;
                case FrameReceived:
                    frames++;
                    break;
                case ResultReady ready:
                    results++;
                    var frame = ready.Result.Frame;
                    if (seriesOfRun.GetValueOrDefault(frame.RunNumber) != frame.Series.SeriesInstanceUid) misattributed++;
                    break;
                case RunEnded ended:
                    seriesOfRun.Remove(ended.RunNumber);
                    break;
                case SourceNoted noted when noted.Message.Contains("duplicate of", StringComparison.Ordinal):
                    duplicates++;
                    break;
                case FaultRaised:
                    faults++;
                    break;
                default:
                    return;
            }
            var changed = this.changed;
            this.changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
            lock (gate) next = changed.Task;
            if (holds(this)) return;
            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public SoakAccount Account(DropFolderSender sender)
    {
        lock (gate)
            return new SoakAccount(sender.FilesSent, sender.FramesExpected, frames, sender.BrokenFiles, sender.SlowWrites,
                sender.DuplicatesSent, duplicates, sender.Stalls, faults, results, misattributed, spanning);
    }
}
