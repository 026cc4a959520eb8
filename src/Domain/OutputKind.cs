namespace OccluNet.Live.Domain;

/// <summary>
/// What writes into an output folder, for <see cref="OutputFolder"/>: the name its marker file carries, the option that
/// named the folder (for messages), and whether a later run may add files to a folder of its own kind (an audit folder
/// collects one file per run; a recording or a snapshot folder holds exactly one session). <see cref="Adopts"/>: for a
/// reusable kind, a file-name pattern that every entry of an unmarked folder must match for it to be taken as this kind's
/// own (folders written before markers existed); null adopts nothing.
/// </summary>
public sealed record OutputKind(string Name, string Option, bool Reusable, string? Adopts = null)
{
    public static OutputKind Recording { get; } = new("recording", "--record", Reusable: false);
    public static OutputKind Audit { get; } = new("audit", "--audit", Reusable: true, Adopts: "audit-*.jsonl");
    public static OutputKind Snapshots { get; } = new("snapshots", "--snapshots", Reusable: false);
    public static OutputKind DrillReport { get; } = new("drill-report", "--report", Reusable: false);

    /// <summary>The parent of timestamped snapshot folders (headless replay's default): one new child per session.</summary>
    public static OutputKind SnapshotRoot { get; } = new("snapshot-root", "--snapshots", Reusable: true, Adopts: "20??????-??????*");
}
