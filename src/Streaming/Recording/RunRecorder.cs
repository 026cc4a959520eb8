using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>
/// <c>--record DIR</c>: the frames as received, one multi-frame XA file per run written with the Capture writer when the
/// run ends (next run, end of source, cancellation) from the run's <see cref="RunJournal"/>, where each frame went as it
/// arrived (the one copy of the run's frames, on disk: a killed session loses at most one, <c>occlunet recording repair
/// DIR</c>), and <see cref="RecordingFiles.Detections"/>, JSON Lines flushed after
/// every line (a crash loses at most the line being written). Replaying a run file gives the same stored values and, with
/// the same model, the same detections.
/// </summary>
public sealed class RunRecorder : IPipelineSink, IDisposable
{
    readonly OutputFolder folder;
    readonly StreamWriter lines;
    int run = -1;
    RunJournal? journal;

    /// <exception cref="OutputFolderException">The folder is not new or empty, or cannot be written (<see cref="OutputFolder"/>).</exception>
    public RunRecorder(string directory)
    {
        folder = OutputFolder.Claim(directory, OutputKind.Recording);
        lines = new StreamWriter(folder.CreateNew(RecordingFiles.Detections));
    }

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                FinishRun();
                run = started.RunNumber;
                this.journal = RunJournal.Start(folder, run, started.Series);
                Write(new { type = "run", run = run, file = RecordingFiles.Run(run), rows = started.Series.Rows, columns = started.Series.Columns, bitsStored = started.Series.BitsStored });
                break;
            case FrameReceived received:
                this.journal?.Append(received.Frame.Frame);
                Write(new { type = "frame", run = received.Frame.RunNumber, frame = received.Frame.Index, timeMs = ResultRecord.Ms(received.Frame.Frame.Time), arrivalMs = ResultRecord.Ms(received.Frame.Arrival), displayHandOffMs = ResultRecord.Ms(received.DisplayHandOff) });
                break;
            case ResultReady ready:
                Write(new { type = "result", result = ResultRecord.From(ready) });
                break;
            case WindowSkipped skipped:
                Write(new { type = "skipped", run = skipped.RunNumber, frame = skipped.FrameIndex });
                break;
            case SourceNoted noted:
                Write(new { type = "input", message = noted.Message });
                break;
            case RunEnded ended:
                Write(new { type = "run-end", run = ended.RunNumber, lastFrame = ended.LastFrameIndex, finding = TrajectoryRecord.From(ended.Finding) });
                break;
            case FaultRaised fault:
                Write(new { type = "fault", kind = fault.Fault.Kind, run = fault.Fault.RunNumber, frame = fault.Fault.FrameIndex, source = fault.Fault.SourceName, message = fault.Fault.Message });
                break;
        }
    }

    public void Complete(PipelineSummary summary)
    {
        try
        {
            FinishRun();
            Write(new { type = "end", summary });
        }
        finally
        {
            lines.Dispose();
        }
    }

    /// <summary>Closes the files without an end record (a session that never started); an open run's journal stays for repair.</summary>
    public void Dispose()
    {
        this.journal?.Dispose();
        lines.Dispose();
    }

    /// <summary>
    /// `occlunet recording repair`: writes the run files a killed session left as journals (one line each).
    /// </summary>
    /// <exception cref="InvalidDataException">The folder is not a recording, or a journal is unreadable.</exception>
    public static IReadOnlyList<string> Repair(string directory)
    {
        if (!File.Exists(Path.Combine(directory, RecordingFiles.Detections)))
            throw new InvalidDataException($"{directory} is not a recording of occlunet (no {RecordingFiles.Detections})");
        return RunJournal.Repair(directory);
    }

    /// <summary>Reads the results back from a recording's detections file, in the order they were written.</summary>
    public static List<ResultRecord> ReadResults(string directory)
    {
        string path = Path.Combine(directory, RecordingFiles.Detections);
        var results = new List<ResultRecord>();
        foreach (string line in File.ReadLines(path))
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("type").GetString() == "result")
                results.Add(doc.RootElement.GetProperty("result").Deserialize<ResultRecord>(DomainJson.Options)!);
        }
        return results;
    }

    /// <summary>The run's file is written from its journal (the one copy of its frames), then the journal goes.</summary>
    void FinishRun()
    {
        if (this.journal is not { } journal) return;
        this.journal = null;
        journal.Dispose();
        if (journal.FrameCount == 0)
        {
            File.Delete(journal.FilePath);
            return;
        }
        var written = RunJournal.WriteRun(journal.FilePath, run, name => folder.CreateNew(name, FileShare.None));
        Write(new { type = "run-written", run = run, file = RecordingFiles.Run(run), frames = written.Frames });
    }

    void Write(object line)
    {
        lines.WriteLine(JsonSerializer.Serialize(line, DomainJson.Compact));
        lines.Flush();
    }
}
