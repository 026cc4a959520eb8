using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Streaming.Recording;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>The faults the drop-folder soak injects, in turn, one every N frames.</summary>
internal enum InjectedFault { BrokenFile, SlowWriter, DuplicateSend, StalledSource }

/// <summary>
/// A sender for the drop-folder soak: writes the data's runs into the folder as multi-frame XA files (each with a series
/// UID of its own, as a modality sends a run), at most one file ahead of what the pipeline received, and every
/// <c>faultEvery</c> frames one fault in turn: a file cut in its last frame, a writer that pauses mid-file for longer
/// than the settle time, the same instance sent again, a source silent for longer than the settle time. A file is
/// deleted once its frames arrived (as a site's clean-up would), so the folder stays small.
/// </summary>
internal sealed class DropFolderSender(string folder, IReadOnlyList<(SeriesInfo Series, IReadOnlyList<Frame> Frames)> runs,
    long frames, int faultEvery, TimeSpan settleTime, SoakLedger ledger)
{
    public long FilesSent { get; private set; }
    public long FramesExpected { get; private set; }
    public long BrokenFiles { get; private set; }
    public long SlowWrites { get; private set; }
    public long DuplicatesSent { get; private set; }
    public long Stalls { get; private set; }

    /// <summary>The runs of a file or folder, read whole once (the soak loops over them).</summary>
    public static List<(SeriesInfo Series, IReadOnlyList<Frame> Frames)> ReadRuns(string data)
    {
        var files = Directory.Exists(data) ? Directory.GetFiles(data, "*.dcm").Order(StringComparer.Ordinal).ToArray() : [data];
        var runs = new List<(SeriesInfo, IReadOnlyList<Frame>)>();
        foreach (string file in files)
        {
            var run = DicomRun.Open(file);
            if (run.Pixels.FrameCount >= 3)
                runs.Add((run.Series, Enumerable.Range(0, run.Pixels.FrameCount).Select(run.ReadFrame).ToArray()));
        }
        if (runs.Count == 0) throw new InvalidOperationException($"bench soak: {data} holds no run of 3 frames or more");
        return runs;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long nextFault = faultEvery;
        int faults = 0;
        string? previous = null;
        for (int n = 0; FramesExpected < frames; n++)
        {
            var (template, templateFrames) = runs[n % runs.Count];
            var series = template with { SeriesInstanceUid = DicomUids.New() };
            var file = RecordedRunFile.ToXaRun(series, templateFrames.Select(f => f with { Series = series }).ToArray(), 0);
            using var bytes = new MemoryStream();
            XaMultiFrameWriter.Write(bytes, file);
            byte[] content = bytes.ToArray();
            string path = Path.Combine(folder, $"XA.{n:D6}.dcm");
            InjectedFault? fault = null;
            if (FramesExpected + templateFrames.Count >= nextFault)
            {
                fault = (InjectedFault)(faults++ % 4);
                nextFault += faultEvery;
            }

            long expected = FramesExpected + templateFrames.Count;
            switch (fault)
            {
                case InjectedFault.BrokenFile:
                    // Cut in the last frame (Pixel Data is the last element): the readable frames are analysed, the last is a fault.
                    // The source waits for a cut file until it has been unchanged for the incomplete timeout, so the next file
                    // is written only once the cut is said: else the next file is taken first, its frames make up the count the
                    // sender waits for, and the sender deleted the cut file before it was taken (the 12,000-frame soak's hang).
                    long faultsSaid = ledger.FaultsSaid;
                    await File.WriteAllBytesAsync(path, content[..^10], cancellationToken).ConfigureAwait(false);
                    await ledger.WaitUntilAsync(l => l.FaultsSaid > faultsSaid, cancellationToken).ConfigureAwait(false);
                    expected--;
                    BrokenFiles++;
                    break;
                case InjectedFault.SlowWriter:
                    await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
                    {
                        await stream.WriteAsync(content.AsMemory(0, content.Length / 2), cancellationToken).ConfigureAwait(false);
                        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                        await Task.Delay(settleTime * 3, cancellationToken).ConfigureAwait(false); // the sender's pause: the fault itself
                        await stream.WriteAsync(content.AsMemory(content.Length / 2), cancellationToken).ConfigureAwait(false);
                    }
                    SlowWrites++;
                    break;
                case InjectedFault.StalledSource:
                    await Task.Delay(settleTime * 6, cancellationToken).ConfigureAwait(false); // silence: the fault itself
                    Stalls++;
                    await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
                    break;
            }
            FilesSent++;
            long before = FramesExpected;
            FramesExpected = expected;

            if (fault == InjectedFault.DuplicateSend)
            {
                // The same instance again, once the first copy has been taken: said as a duplicate, not analysed again.
                await ledger.WaitUntilAsync(l => l.FramesReceived >= expected, cancellationToken).ConfigureAwait(false);
                long said = ledger.DuplicatesSaid;
                await File.WriteAllBytesAsync(Path.Combine(folder, $"XA.{n:D6}.again.dcm"), content, cancellationToken).ConfigureAwait(false);
                DuplicatesSent++;
                await ledger.WaitUntilAsync(l => l.DuplicatesSaid > said, cancellationToken).ConfigureAwait(false);
                File.Delete(Path.Combine(folder, $"XA.{n:D6}.again.dcm"));
            }

            // At most one file ahead: the previous file's frames must all have arrived before the next is written.
            await ledger.WaitUntilAsync(l => l.FramesReceived >= before, cancellationToken).ConfigureAwait(false);
            if (previous is not null) File.Delete(previous);
            previous = path;
        }
        await ledger.WaitUntilAsync(l => l.FramesReceived >= FramesExpected, cancellationToken).ConfigureAwait(false);
    }
}
