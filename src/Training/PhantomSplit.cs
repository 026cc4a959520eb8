using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Training;

/// <summary>
/// A range of phantom seeds (one run per seed, default class mix and difficulty). Train, validation and test use
/// disjoint ranges; see <see cref="Default"/>.
/// </summary>
public sealed record PhantomSplit(ulong FirstSeed, int Count, int Size = 256) : DataSource
{
    /// <summary>Frames per run; null: drawn per run (e.g. a short drill deck fixes it).</summary>
    public int? Frames { get; init; }

    /// <summary>Frames per second; null: drawn per run.</summary>
    public double? Fps { get; init; }

    /// <summary>The project's split: training from seed 1 000 000, validation from 2 000 000, test from 3 000 000.</summary>
    public static class Default
    {
        public const ulong TrainSeed = 1_000_000;
        public const ulong ValidationSeed = 2_000_000;
        public const ulong TestSeed = 3_000_000;
    }

    /// <summary>The projection of every run; null: drawn per run (a drill deck may fix it).</summary>
    public PhantomView? View { get; init; }

    /// <summary>
    /// Phantom 1 (the default; old seeds give old runs) or 2. Phantom-2 splits store every run subtracted: the models read
    /// subtracted frames and nothing in OccluNet subtracts a native run yet (docs/phantom.md).
    /// </summary>
    public int Version { get; init; } = 1;

    /// <summary>
    /// Share of runs per class; null: the phantom's default mix. A seed keeps its anatomy, flow and images under another
    /// mix; only which class (if any) its occlusion has may change, so seed ranges still keep splits apart.
    /// </summary>
    public ClassMix? Mix { get; init; }

    /// <summary>
    /// Each seed's no-occlusion twin instead of its run (<see cref="PhantomGenerator.GenerateTwin"/>): beside the same
    /// seeds without it, every occlusion is seen once present and once absent in the same head, vessels, devices and noise.
    /// </summary>
    public bool Twins { get; init; }

    /// <summary>
    /// Phantom 2: every run with all its devices (guide catheter, microcatheter and wire, coil mass, clip; a stent
    /// retriever where occluded) instead of drawn ones, e.g. negatives whose coil residue the model must learn to ignore.
    /// </summary>
    public bool AllDevices { get; init; }

    public PhantomOptions Options => new()
    {
        Size = Size, Frames = Frames, Fps = Fps, View = View, PhantomVersion = Version, Native = Version == 2 ? false : null,
        ClassMix = Mix ?? ClassMix.Default, Devices = AllDevices ? true : null,
    };

    public IEnumerable<ulong> Seeds => Enumerable.Range(0, Count).Select(i => FirstSeed + (ulong)i);

    /// <summary>The number of seeds: counting the entries would generate every run.</summary>
    protected override int RunCount() => Count;

    public override IEnumerable<RunEntry> Entries(CancellationToken cancellationToken = default) =>
        Seeds.Select(seed =>
        {
            var run = RawRun.FromPhantom(Generate(seed, 1, cancellationToken));
            return new RunEntry(run.Run, new Lazy<int>(run.Frames.Count), () => run);
        });

    /// <summary>The run of <paramref name="seed"/>, or its twin (<see cref="Twins"/>).</summary>
    public PhantomRun Generate(ulong seed, int threads, CancellationToken cancellationToken = default) =>
        Twins ? PhantomGenerator.GenerateTwin(seed, Options, threads, cancellationToken) : PhantomGenerator.Generate(seed, Options, threads, cancellationToken);

    /// <summary>Generated in memory, all at once (the phantom has no disk to stream from).</summary>
    public override IReadOnlyList<PreparedRun> Prepare(FramePreprocessor preprocessor, bool minIp, FrameCache cache, int threads,
        Action<string>? log = null, CancellationToken cancellationToken = default) =>
        TrainingData.Generate(this, preprocessor, minIp, threads, log, cancellationToken);

    /// <summary>Not known before generating; <see cref="Overlaps"/> compares seeds instead (a twin shares its run's head, so it overlaps too).</summary>
    public override IReadOnlySet<string> RunIds => new HashSet<string>();

    /// <summary>
    /// Another split by seed range; any other source by the seeds its phantom run ids name, so that phantom runs written to
    /// files (<c>synth</c>, read as <c>dicom:</c>) cannot carry validation seeds into training.
    /// </summary>
    public override bool Overlaps(DataSource other) =>
        other is PhantomSplit b
            ? FirstSeed < b.FirstSeed + (ulong)b.Count && b.FirstSeed < FirstSeed + (ulong)Count
            : other.RunIds.Any(id => PhantomGenerator.SeedOf(id) is { } seed && seed >= FirstSeed && seed < FirstSeed + (ulong)Count);

    /// <summary>
    /// "SEED:COUNT[:SIZE][:MIX][:devices][:twins]" of phantom <paramref name="version"/>; MIX as <see cref="ClassMix.Parse"/>
    /// reads it (e.g. <c>m2=1</c>: M2 runs only); <c>devices</c>: <see cref="AllDevices"/> (phantom 2 only); <c>twins</c>:
    /// <see cref="Twins"/>.
    /// </summary>
    public static PhantomSplit Parse(string text, int version = 1)
    {
        var parts = text.Split(':');
        bool twins = parts.Length > 2 && parts[^1] == TwinsWord;
        if (twins) parts = parts[..^1];
        bool devices = parts.Length > 2 && parts[^1] == DevicesWord;
        if (devices) parts = parts[..^1];
        if (devices && version < 2) throw new FormatException($"phantom split '{text}': :{DevicesWord} needs phantom 2 (phantom2:...); phantom 1 has no devices.");
        ClassMix? mix = null;
        if (parts.Length is 3 or 4 && parts[^1].Contains('='))
        {
            try { mix = ClassMix.Parse(parts[^1]); }
            catch (FormatException e) { throw new FormatException($"phantom split '{text}': {e.Message}"); }
            parts = parts[..^1];
        }
        if (parts.Length is < 2 or > 3 || !ulong.TryParse(parts[0], out var seed) || !int.TryParse(parts[1], out var count) || count < 1
            || (parts.Length == 3 && (!int.TryParse(parts[2], out var s) || s < 32)))
            throw new FormatException($"phantom split '{text}' is not SEED:COUNT, SEED:COUNT:SIZE or SEED:COUNT:SIZE:MIX, optionally followed by :{DevicesWord} and :{TwinsWord} (count >= 1, size >= 32, MIX like m2=1,m1=1).");
        return new PhantomSplit(seed, count, parts.Length == 3 ? int.Parse(parts[2]) : 256) { Version = version, Mix = mix, Twins = twins, AllDevices = devices };
    }

    const string TwinsWord = "twins", DevicesWord = "devices";

    /// <summary>The split as a data source is spelled (<c>phantom:SEED:COUNT:SIZE[:MIX][:twins]</c>, <c>phantom2:...</c>): <see cref="Datasets.DataSource.Parse"/> reads it back.</summary>
    public string Spec => $"phantom{(Version == 1 ? "" : $"{Version}")}:{FirstSeed}:{Count}:{Size}{(Mix == null ? "" : $":{Mix.Spec}")}{(AllDevices ? $":{DevicesWord}" : "")}{(Twins ? $":{TwinsWord}" : "")}";

    public override string ToString() =>
        $"phantom{(Version == 1 ? "" : $"-{Version}")} seeds {FirstSeed}..{FirstSeed + (ulong)Count - 1} at {Size} px{(Mix == null ? "" : $", class mix {Mix.Spec}")}{(AllDevices ? ", all devices" : "")}{(Twins ? ", each without its occlusion" : "")}";
}
