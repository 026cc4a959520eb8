using System.Globalization;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Pacs.Sending;

/// <summary>What one pass over a node's queue did.</summary>
public sealed record DrainResult(int Sent, int Pending, string? Failure)
{
    public bool Complete => Pending == 0;
}

/// <summary>
/// A durable on-disk queue of DICOM files for one node: <c>ROOT/AET@HOST_PORT/</c> holds one file per SOP instance
/// waiting to be sent (named by a sequence number and its SOP Instance UID, so it is sent in the order queued), and
/// <c>sent.log</c> lists the SOP Instance UIDs already stored with the time. A file enters by an atomic rename and
/// leaves only after the node confirmed the C-STORE (storescu exit 0), then its UID is appended to sent.log: a crash
/// or a restart loses nothing, an instance already queued or sent is not queued again, and only a crash in the instant
/// between the node's answer and the delete could send one twice (which a PACS takes as the same instance again).
/// One process drains a queue at a time (an exclusive lock file); the others leave it to that one.
/// </summary>
public sealed class Outbox
{
    public const string SentLog = "sent.log";
    const string LockFile = ".lock";

    readonly StoreScu scu;

    public Outbox(string root, DicomNode node, StoreScu? scu = null)
    {
        Node = node;
        Folder = Path.Combine(root, node.FolderName);
        this.scu = scu ?? new StoreScu();
    }

    /// <summary>
    /// The default queue root: $OCCLUNET_OUTBOX, else $XDG_STATE_HOME/occlunet/outbox, else ~/.local/state/occlunet/outbox
    /// (state that must survive a restart, per the XDG base directory specification).
    /// </summary>
    public static string DefaultRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("OCCLUNET_OUTBOX") is { Length: > 0 } explicitRoot) return explicitRoot;
            string state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            return Path.Combine(state, "occlunet", "outbox");
        }
    }

    public DicomNode Node { get; }
    public string Folder { get; }

    /// <summary>The files waiting, oldest first.</summary>
    public IReadOnlyList<string> Pending() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.dcm").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>
    /// Queues a DICOM file (copied; moved when <paramref name="move"/>). Returns false, queuing nothing, when its SOP
    /// instance is already waiting or was sent.
    /// </summary>
    /// <exception cref="DicomFileException">Not a DICOM file with a SOP Instance UID.</exception>
    /// <exception cref="IOException">The queue cannot be written (full disk, permissions); the file is left where it was.</exception>
    public bool Add(string file, bool move = false)
    {
        string uid = SopInstanceUidOf(file);
        Directory.CreateDirectory(Folder);
        if (Pending().Any(p => UidOf(p) == uid) || SentUids().Contains(uid)) return false;
        string name = $"{DateTime.UtcNow:yyyyMMddHHmmssfffffff}-{uid}.dcm";
        string temporary = Path.Combine(Folder, $".{name}.partial");
        try
        {
            if (move && SameVolume(file)) File.Move(file, temporary);
            else File.Copy(file, temporary);
            File.Move(temporary, Path.Combine(Folder, name));
            if (move && File.Exists(file)) File.Delete(file);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return true;
    }

    /// <summary>
    /// Sends what is waiting, oldest first, until the queue is empty or a send fails (the node is down, refuses the
    /// association or the object: the rest waits for the next pass). Returns at once, sending nothing, when another
    /// process holds the queue.
    /// </summary>
    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        FileStream? held = TryLock();
        if (held is null) return new DrainResult(0, Pending().Count, "another occlunet process is sending this queue");
        using (held)
        {
            int sent = 0;
            foreach (string file in Pending())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await scu.SendAsync(Node, file, cancellationToken).ConfigureAwait(false);
                if (outcome is not null) return new DrainResult(sent, Pending().Count, outcome);
                File.AppendAllText(Path.Combine(Folder, SentLog), $"{UidOf(file)} {DateTime.UtcNow:O}\n");
                File.Delete(file);
                sent++;
            }
            return new DrainResult(sent, Pending().Count, null);
        }
    }

    public HashSet<string> SentUids()
    {
        string log = Path.Combine(Folder, SentLog);
        return File.Exists(log)
            ? File.ReadLines(log).Select(l => l.Split(' ')[0]).Where(u => u.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    static string UidOf(string queued)
    {
        string name = Path.GetFileNameWithoutExtension(queued);
        return name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..];
    }

    static string SopInstanceUidOf(string file)
    {
        var dicom = DicomFile.Open(file);
        return dicom.DataSet.GetString(DicomTags.SopInstanceUid)
            ?? throw new DicomFileException(Path.GetFileName(file), 0, DicomTags.SopInstanceUid, "no SOP Instance UID: a PACS cannot store it");
    }

    bool SameVolume(string file) =>
        string.Equals(Path.GetPathRoot(Path.GetFullPath(file)), Path.GetPathRoot(Path.GetFullPath(Folder)), StringComparison.Ordinal);

    FileStream? TryLock()
    {
        try
        {
            return new FileStream(Path.Combine(Folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Folder} ({Pending().Count} waiting)");
}
