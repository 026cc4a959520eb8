using System.Globalization;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// McNemar's exact test on paired per-run correctness of two models. <see cref="OnlySecondCorrect"/> = b (first wrong,
/// second right) and <see cref="OnlyFirstCorrect"/> = c (first right, second wrong), as statsmodels' table[0][1] and table[1][0].
/// </summary>
public sealed record McNemarResult(
    string First,
    string Second,
    int BothCorrect,
    int OnlyFirstCorrect,
    int OnlySecondCorrect,
    int NeitherCorrect,
    double PValue)
{
    public int Runs => BothCorrect + OnlyFirstCorrect + OnlySecondCorrect + NeitherCorrect;

    /// <summary>Discordant pairs (b + c).</summary>
    public int Discordant => OnlyFirstCorrect + OnlySecondCorrect;

    /// <summary>statsmodels' statistic for the exact test: min(b, c).</summary>
    public int Statistic => Math.Min(OnlyFirstCorrect, OnlySecondCorrect);

    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"McNemar {First} vs {Second} on {Runs} runs: both right {BothCorrect}, only {First} {OnlyFirstCorrect}, " +
        $"only {Second} {OnlySecondCorrect}, both wrong {NeitherCorrect}; exact two-sided p = {PValue:G4}");
}
