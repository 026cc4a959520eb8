using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Training;

/// <summary>
/// A range of phantom seeds (one run per seed, default class mix and difficulty). Train, validation and test use
/// disjoint ranges; see <see cref="Default"/>.
/// </summary>
public sealed record PhantomSplit(ulong FirstSeed, int Count, int Size = 256)
{
    /// <summary>The project's split: training from seed 1 000 000, validation from 2 000 000, test from 3 000 000.</summary>
    public static class Default
    {
        public const ulong TrainSeed = 1_000_000;
        public const ulong ValidationSeed = 2_000_000;
        public const ulong TestSeed = 3_000_000;
    }

    public PhantomOptions Options => new() { Size = Size };

    public IEnumerable<ulong> Seeds => Enumerable.Range(0, Count).Select(i => FirstSeed + (ulong)i);

    /// <summary>"SEED:COUNT" or "SEED:COUNT:SIZE".</summary>
    public static PhantomSplit Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || !ulong.TryParse(parts[0], out var seed) || !int.TryParse(parts[1], out var count) || count < 1
            || (parts.Length == 3 && (!int.TryParse(parts[2], out var s) || s < 32)))
            throw new FormatException($"phantom split '{text}' is not SEED:COUNT or SEED:COUNT:SIZE (count >= 1, size >= 32).");
        return new PhantomSplit(seed, count, parts.Length == 3 ? int.Parse(parts[2]) : 256);
    }

    public override string ToString() => $"phantom seeds {FirstSeed}..{FirstSeed + (ulong)Count - 1} at {Size} px";
}
