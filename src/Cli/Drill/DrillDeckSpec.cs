using System.Globalization;
using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// What a drill deck is, enough to make it again (kept in the session file): the deck text (a folder, or
/// phantom:SEED:COUNT[:SIZE]) and, for phantom decks, the frame count and rate, the view, and filters by class and by
/// MinIP difficulty band (comma lists; "neg" is the class of a run without an occlusion, "none" the band of a run
/// without a score). A filtered phantom deck is the first COUNT seeds from SEED on whose generated run passes the
/// filters: the same spec gives the same deck, case for case.
/// </summary>
internal sealed record DrillDeckSpec(string Deck, int? Frames = null, double? Fps = null, string? View = null, string? Classes = null, string? Bands = null)
{
    /// <summary>Seeds tried per case asked for before a filter is called too narrow for the seed range.</summary>
    const int SeedsPerCase = 40;

    /// <exception cref="ArgumentException">A bad deck, a filter on a deck that is not a phantom deck, or a bad filter value.</exception>
    /// <exception cref="InvalidDataException">Too few seeds pass the filters.</exception>
    public IReadOnlyList<RunEntry> Entries(CancellationToken cancellationToken)
    {
        var source = DataSource.Parse(Deck);
        if (source is not PhantomSplit phantom)
        {
            if (Frames is not null || Fps is not null || View is not null || Classes is not null || Bands is not null)
                throw new ArgumentException($"drill: --frames, --fps, --view, --class and --band apply to phantom decks only, not to {Deck}");
            return source.Entries(cancellationToken).ToList();
        }
        phantom = phantom with { Frames = Frames, Fps = Fps, View = View is null ? null : PhantomChoices.View(View) };
        if (Classes is null && Bands is null) return phantom.Entries(cancellationToken).ToList();
        var classes = Classes?.Split(',').Select(c => PhantomChoices.Class(c)).ToHashSet();
        var bands = Bands?.Split(',').Select(DifficultyBands.Parse).ToHashSet();
        var tried = phantom with { Count = (int)Math.Min(int.MaxValue, (long)phantom.Count * SeedsPerCase) };
        var chosen = tried.Entries(cancellationToken)
            .Where(e => (classes is null || classes.Contains(e.Run.Truth.Occlusion?.Class)) && (bands is null || bands.Contains(DifficultyBands.Of(e.Run.MinipDifficulty))))
            .Take(phantom.Count).ToList();
        if (chosen.Count < phantom.Count)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"deck {Deck}: only {chosen.Count} of seeds {tried.FirstSeed}..{tried.FirstSeed + (ulong)tried.Count - 1} pass --class {Classes ?? "(any)"} --band {Bands ?? "(any)"}; widen the filters"));
        return chosen;
    }

    public override string ToString()
    {
        var parts = new List<string> { Deck };
        if (Frames is int f) parts.Add($"--frames {f}");
        if (Fps is double r) parts.Add(string.Create(CultureInfo.InvariantCulture, $"--fps {r}"));
        if (View is not null) parts.Add($"--view {View}");
        if (Classes is not null) parts.Add($"--class {Classes}");
        if (Bands is not null) parts.Add($"--band {Bands}");
        return string.Join(' ', parts);
    }
}
