using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>
/// The frames of the run being recorded, appended to <c>run-NNN.journal</c> as they arrive and handed to the operating
/// system after each one, so that a session killed mid-run (SIGKILL, a crash) loses at most the frame being written. A
/// run's end writes <c>run-NNN.dcm</c> and deletes the journal; <see cref="Repair"/> turns the journals a killed session
/// left into their DICOM files. Format: one JSON line (the run's series, without its source instance: no patient data), then per frame its index
/// (int32), time in ms (float64) and Rows x Columns stored values (uint16), little-endian.
/// </summary>
internal sealed class RunJournal : IDisposable
{
    readonly FileStream stream;
    readonly string path;

    RunJournal(FileStream stream, string path)
    {
        this.stream = stream;
        this.path = path;
    }

    public static string NameOf(int run) => $"run-{run:D3}.journal";

    public static RunJournal Start(OutputFolder folder, int run, SeriesInfo series)
    {
        var stream = folder.CreateNew(NameOf(run), FileShare.Read);
        // The series without its source instance: the recording carries no patient or study attributes.
        stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(series with { Instance = null }, DomainJson.Compact) + "\n"));
        stream.Flush();
        return new RunJournal(stream, folder.PathOf(NameOf(run)));
    }

    public string FilePath => path;

    /// <summary>How many frames were appended.</summary>
    public int FrameCount { get; private set; }

    public void Append(Frame frame)
    {
        FrameCount++;
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(head, frame.Index);
        BinaryPrimitives.WriteDoubleLittleEndian(head[4..], frame.Time.TotalMilliseconds);
        stream.Write(head);
        stream.Write(MemoryMarshal.AsBytes(frame.Pixels.AsSpan()));
        stream.Flush();
    }

    public void Dispose() => stream.Dispose();

    /// <summary>The series and the whole frames of a journal (a frame cut off by the kill is left out).</summary>
    public static (SeriesInfo Series, List<Frame> Frames) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0) throw new InvalidDataException($"{path}: no header line (the session was killed as the run started)");
        var series = JsonSerializer.Deserialize<SeriesInfo>(bytes.AsSpan(0, newline), DomainJson.Compact)
            ?? throw new InvalidDataException($"{path}: empty header");
        int frameBytes = 12 + series.Rows * series.Columns * 2;
        var frames = new List<Frame>();
        for (int at = newline + 1; at + frameBytes <= bytes.Length; at += frameBytes)
        {
            int index = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            double ms = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at + 4));
            var pixels = MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan(at + 12, frameBytes - 12)).ToArray();
            frames.Add(new Frame(series, index, TimeSpan.FromMilliseconds(ms), pixels));
        }
        return (series, frames);
    }

    /// <summary>
    /// Writes <c>run-NNN.dcm</c> for every journal in the recording folder that has none, then deletes the journal; a
    /// journal without a whole frame is kept and said. Returns one line per journal.
    /// </summary>
    public static IReadOnlyList<string> Repair(string directory)
    {
        var lines = new List<string>();
        foreach (string path in Directory.GetFiles(directory, "run-*.journal").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!int.TryParse(name.AsSpan(4, name.Length - 4 - ".journal".Length), out int run)) continue;
            string dicom = Path.Combine(directory, RecordingFiles.Run(run));
            if (File.Exists(dicom))
            {
                File.Delete(path); // the run was written; the kill came before its journal was deleted
                lines.Add($"{name}: {RecordingFiles.Run(run)} was already written; journal removed");
                continue;
            }
            var written = WriteRun(path, run, file => new FileStream(Path.Combine(directory, file), FileMode.CreateNew, FileAccess.Write));
            lines.Add(written.Frames == 0
                ? $"{name}: no whole frame in it; kept"
                : $"{name}: {RecordingFiles.Run(run)} written, {written.Frames} frame(s) (frames {written.First}-{written.Last})");
        }
        return lines;
    }

    /// <summary>
    /// Writes run <paramref name="run"/>'s file (<see cref="RecordingFiles.Run"/>, opened with <paramref name="createNew"/>,
    /// which never writes over a file) from the whole frames of a journal, then deletes the journal. With no whole frame
    /// nothing is written and the journal is kept.
    /// </summary>
    public static (int Frames, int First, int Last) WriteRun(string journal, int run, Func<string, Stream> createNew)
    {
        var (series, frames) = Read(journal);
        if (frames.Count == 0) return (0, -1, -1);
        using (Stream stream = createNew(RecordingFiles.Run(run)))
            XaMultiFrameWriter.Write(stream, RecordedRunFile.ToXaRun(series, frames, run));
        File.Delete(journal);
        return (frames.Count, frames[0].Index, frames[^1].Index);
    }
}
