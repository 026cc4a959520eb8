using System.Globalization;
using OccluNet.Live.Cli.Commands;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// How well one MinIP image shows a case's occlusion: its MinIP difficulty against eval's timing-dependent threshold
/// (<see cref="EvalCommand.DefaultTimingThreshold"/>). Hard: at or below it, where one projection cannot decide and
/// the timing must; easy: above it; none: no score (no occlusion, or a run that is not a phantom case). Two bands, not
/// three: the threshold is the one the evaluation and the phantom were measured with; a third would be invented.
/// </summary>
internal enum DifficultyBand
{
    Hard,
    Easy,
    None,
}

internal static class DifficultyBands
{
    public static DifficultyBand Of(double? minipDifficulty) => minipDifficulty switch
    {
        null => DifficultyBand.None,
        <= EvalCommand.DefaultTimingThreshold => DifficultyBand.Hard,
        _ => DifficultyBand.Easy,
    };

    public static string Name(this DifficultyBand band) => band.ToString().ToLowerInvariant();

    public static string Meaning(this DifficultyBand band) => band switch
    {
        DifficultyBand.Hard => string.Create(CultureInfo.InvariantCulture, $"MinIP hides it (difficulty <= {EvalCommand.DefaultTimingThreshold})"),
        DifficultyBand.Easy => string.Create(CultureInfo.InvariantCulture, $"MinIP shows it (difficulty > {EvalCommand.DefaultTimingThreshold})"),
        _ => "no score (no occlusion, or not a phantom case)",
    };

    /// <exception cref="ArgumentException">Not a band's name (the message lists them).</exception>
    public static DifficultyBand Parse(string text) =>
        Enum.GetValues<DifficultyBand>().FirstOrDefault(b => b.Name() == text.Trim().ToLowerInvariant(), (DifficultyBand)(-1)) is var band && Enum.IsDefined(band)
            ? band
            : throw new ArgumentException($"drill: --band '{text}' is not a band ({string.Join(", ", Enum.GetValues<DifficultyBand>().Select(b => b.Name()))})");
}
