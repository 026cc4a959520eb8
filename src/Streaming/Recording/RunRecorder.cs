using System.Text.Json;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>
/// <c>--record DIR</c>: the frames as received, one multi-frame XA file per run written with the Capture writer when the
/// run ends (next run, end of source, cancellation; until then each frame is in the run's <see cref="RunJournal"/>, so a
/// killed session loses at most one frame: <c>occlunet recording repair DIR</c>), and <see cref="RecordingFiles.Detections"/>, JSON Lines flushed after
/// every line (a crash loses at most the line being written). Replaying a run file gives the same stored values and, with
/// the same model, the same detections.
/// </summary>
public sealed class RunRecorder : IPipelineSink, IDisposable
{
    readonly OutputFolder _folder;
    readonly StreamWriter _lines;
    readonly List<Frame> _frames = new();
    int _run = -1;
    SeriesInfo? _series;
    RunJournal? _journal;

    /// <exception cref="OutputFolderException">The folder is not new or empty, or cannot be written (<see cref="OutputFolder"/>).</exception>
    public RunRecorder(string directory)
    {
        _folder = OutputFolder.Claim(directory, OutputKind.Recording);
        _lines = new StreamWriter(_folder.CreateNew(RecordingFiles.Detections));
    }

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                FinishRun();
                _run = started.RunNumber;
                _series = started.Series;
                _journal = RunJournal.Start(_folder, _run, started.Series);
                Write(new { type = "run", run = _run, file = RecordingFiles.Run(_run), rows = started.Series.Rows, columns = started.Series.Columns, bitsStored = started.Series.BitsStored });
                break;
            case FrameReceived received:
                _frames.Add(received.Frame.Frame);
                _journal?.Append(received.Frame.Frame);
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
            _lines.Dispose();
        }
    }

    /// <summary>Closes the files without an end record (a session that never started); an open run's journal stays for repair.</summary>
    public void Dispose()
    {
        _journal?.Dispose();
        _lines.Dispose();
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

    void FinishRun()
    {
        var journal = _journal;
        _journal = null;
        if (_frames.Count == 0 || _series is null)
        {
            journal?.Delete();
            return;
        }
        string file = RecordingFiles.Run(_run);
        try
        {
            using FileStream stream = _folder.CreateNew(file, FileShare.None);
            XaMultiFrameWriter.Write(stream, ToXaRun(_series, _frames, _run));
        }
        catch
        {
            journal?.Dispose(); // kept: `occlunet recording repair` can write the run later
            throw;
        }
        journal?.Delete();
        Write(new { type = "run-written", run = _run, file, frames = _frames.Count });
        _frames.Clear();
    }

    internal static XaRunToWrite ToXaRun(SeriesInfo series, List<Frame> frames, int run)
    {
        TimeSpan first = frames[0].Time;
        var times = new double[frames.Count];
        for (int i = 0; i < frames.Count; i++)
            times[i] = Math.Max(i > 0 ? times[i - 1] : 0, (frames[i].Time - first).TotalMilliseconds); // never back in time
        string seriesUid = DicomUids.Valid(series.SeriesInstanceUid);
        return new XaRunToWrite
        {
            StudyInstanceUid = DicomUids.Valid(series.StudyInstanceUid),
            SeriesInstanceUid = seriesUid,
            SopInstanceUid = DicomUids.Derived($"{seriesUid}/recorded/{run}"),
            Rows = series.Rows,
            Columns = series.Columns,
            BitsStored = series.BitsStored,
            IsMonochrome1 = series.IsMonochrome1,
            Frames = frames.Select(f => f.Pixels).ToArray(),
            FrameTimesMs = times,
            ImagerPixelSpacingMm = series.PixelSpacingMm,
            PositionerPrimaryAngleDeg = series.Positioner?.PrimaryAngleDeg,
            PositionerSecondaryAngleDeg = series.Positioner?.SecondaryAngleDeg,
            ViewPosition = series.Positioner?.ViewPosition,
            WindowCenter = series.WindowCenter,
            WindowWidth = series.WindowWidth,
            SeriesDescription = "OccluNet.Live recording",
        };
    }

    void Write(object line)
    {
        _lines.WriteLine(JsonSerializer.Serialize(line, DomainJson.Compact));
        _lines.Flush();
    }
}
