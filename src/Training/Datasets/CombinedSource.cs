using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// Several sources read as one, in order (<c>A+B</c> on the command line): e.g. phantom-2 runs with some phantom-1
/// runs, so that a model fine-tuned on the new phantom keeps what it learned on the old one.
/// </summary>
internal sealed record CombinedSource(IReadOnlyList<DataSource> Parts) : DataSource
{
    protected override int RunCount() => Parts.Sum(p => p.Runs().Count);

    public override IEnumerable<RunEntry> Entries(CancellationToken cancellationToken = default) => Parts.SelectMany(p => p.Entries(cancellationToken));

    /// <summary>Each part prepared its own way (the phantom in memory, disk sources streamed).</summary>
    public override IReadOnlyList<PreparedRun> Prepare(FramePreprocessor preprocessor, bool minIp, FrameCache cache, int threads,
        Action<string>? log = null, CancellationToken cancellationToken = default) =>
        Parts.SelectMany(p => p.Prepare(preprocessor, minIp, cache, threads, log, cancellationToken)).ToArray();

    public override IReadOnlySet<string> RunIds => Parts.SelectMany(p => p.RunIds).ToHashSet();

    public override IEnumerable<string> Notes => Parts.SelectMany(p => p.Notes);

    /// <summary>Any part against the other (or any of its parts): the phantom compares seeds, not run names.</summary>
    public override bool Overlaps(DataSource other) =>
        other is CombinedSource combined ? combined.Parts.Any(Overlaps) : Parts.Any(p => p.Overlaps(other) || other.Overlaps(p));

    public override string ToString() => string.Join(" + ", Parts);
}
