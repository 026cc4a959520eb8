using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Training.Datasets;

/// <summary>A run of a data source known without its pixels: truth, frame count, and how to read its frames when needed.</summary>
public sealed record RunEntry(LabelledRun Run, Lazy<int> FrameCount, Func<RawRun> Read);

/// <summary>
/// Where labelled runs come from, one model for train, calibrate and eval: <c>coco:PATH.json</c> (the OccluNet authors'
/// layout), <c>dicom:DIR</c> (DICOM runs with a ground-truth JSON each), <c>phantom:SEED:COUNT[:SIZE]</c> or
/// <c>phantom2:...</c> (generated in memory), or several of those joined by <c>+</c>. The older spellings stay: a bare <c>SEED:COUNT[:SIZE]</c> is the phantom, a bare folder is DICOM, a bare
/// <c>.json</c> file is COCO. Disk sources are read one run at a time; nothing holds a whole data set's pixels.
/// </summary>
public abstract record DataSource
{
    /// <summary>Options of the COCO sources (others ignore them): <c>--images DIR</c> and the metadata CSV with the per-sequence location.</summary>
    public sealed record Settings(string? Images = null, LocationMetadata? Metadata = null);

    /// <summary>The runs in order, their number known first (a progress display's total), each read when reached (eval, calibrate).</summary>
    public LazyRuns Runs(CancellationToken cancellationToken = default) => new(RunCount(), Read(cancellationToken));

    IEnumerable<RawRun> Read(CancellationToken cancellationToken)
    {
        foreach (var entry in Entries(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry.Read();
        }
    }

    /// <summary>How many runs <see cref="Entries"/> gives; disk sources count their entries (no pixels read).</summary>
    protected virtual int RunCount() => Entries().Count();

    public abstract IEnumerable<RunEntry> Entries(CancellationToken cancellationToken = default);

    /// <summary>
    /// The runs ready for training: their model inputs read from disk on demand through <paramref name="cache"/> (a
    /// bounded cache of decoded, prepared frames), or for the MinIP baseline each run's single MinIP image.
    /// </summary>
    public virtual IReadOnlyList<PreparedRun> Prepare(FramePreprocessor preprocessor, bool minIp, FrameCache cache, int threads,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var runs = new List<PreparedRun>();
        foreach (var entry in Entries(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            runs.Add(minIp ? entry.Read().Prepare(preprocessor, true) : PreparedRun.Streamed(entry, preprocessor, cache));
        }
        log?.Invoke($"{runs.Count} runs from {this}");
        return runs;
    }

    /// <summary>Names of its runs (sequences), to keep training and validation apart.</summary>
    public abstract IReadOnlySet<string> RunIds { get; }

    /// <summary>What the training log should know about the source: skipped boxes, unrecognised locations.</summary>
    public virtual IEnumerable<string> Notes => [];

    public virtual bool Overlaps(DataSource other) => RunIds.Overlaps(other.RunIds);

    public static DataSource Parse(string text, Settings? settings = null)
    {
        settings ??= new Settings();
        var parts = text.Split('+');
        if (parts.Length > 1 && parts.All(p => KindOf(p) != null)) return new CombinedSource(parts.Select(p => Parse(p, settings)).ToArray());
        var (kind, rest) = KindOf(text) is string named ? (named, text[(named.Length + 1)..]) : (Guess(text), text);
        return kind switch
        {
            "coco" => new CocoSource(rest, settings.Images, settings.Metadata),
            "dicom" => new DicomFolderSource(rest),
            "phantom2" => PhantomSplit.Parse(rest, version: 2),
            _ => PhantomSplit.Parse(rest),
        };
    }

    /// <summary>The prefix that names a source's kind (<c>coco:</c>, <c>dicom:</c>, <c>phantom:</c>, <c>phantom2:</c>), or null.</summary>
    static string? KindOf(string text) =>
        text.IndexOf(':') is int colon and > 0 && text[..colon] is "coco" or "dicom" or "phantom" or "phantom2" ? text[..colon] : null;

    static string Guess(string text) =>
        text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "coco"
        : text.Length > 0 && char.IsDigit(text[0]) && !Directory.Exists(text) ? "phantom"
        : "dicom";
}
