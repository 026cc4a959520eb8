using System.Numerics;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// McNemar's test as the authors ran it (statsmodels <c>mcnemar(table, exact=True)</c>): exact binomial on the discordant
/// pairs, p = min(1, 2 * P(X &lt;= min(b, c))) with X ~ Binomial(b + c, 1/2), no continuity correction.
/// </summary>
public static class McNemarTest
{
    /// <summary>The two-sided exact p-value for <paramref name="b"/> and <paramref name="c"/> discordant pairs.</summary>
    public static double ExactPValue(int b, int c)
    {
        if (b < 0 || c < 0) throw new ArgumentOutOfRangeException(nameof(b), $"discordant counts must be >= 0 (were {b}, {c})");
        int n = b + c, k = Math.Min(b, c);
        // Exact integer tail sum of binomial coefficients, then one rounding when dividing by 2^n.
        BigInteger coefficient = BigInteger.One, tail = BigInteger.Zero;
        for (int i = 0; i <= k; i++)
        {
            tail += coefficient;
            coefficient = coefficient * (n - i) / (i + 1);
        }
        return Math.Min(1.0, Ratio(2 * tail, n));
    }

    /// <summary>Pairs the runs of two reports by run id and tests whether the models' correctness differs.</summary>
    public static McNemarResult Compare(EvaluationReport first, EvaluationReport second, string firstName = "first", string secondName = "second")
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Dictionary<string, RunOutcome> secondById = second.Outcomes.ToDictionary(o => o.RunId, StringComparer.Ordinal);
        string[] unpaired = first.Outcomes.Select(o => o.RunId).Where(id => !secondById.ContainsKey(id))
            .Concat(second.Outcomes.Select(o => o.RunId).Except(first.Outcomes.Select(o => o.RunId), StringComparer.Ordinal))
            .ToArray();
        if (unpaired.Length > 0)
            throw new ArgumentException($"{unpaired.Length} run(s) are in only one of the two reports (e.g. '{unpaired[0]}'); McNemar needs the same runs", nameof(second));
        int both = 0, onlyFirst = 0, onlySecond = 0, neither = 0;
        foreach (RunOutcome a in first.Outcomes)
        {
            bool x = a.IsCorrect, y = secondById[a.RunId].IsCorrect;
            if (x && y) both++;
            else if (x) onlyFirst++;
            else if (y) onlySecond++;
            else neither++;
        }
        return new McNemarResult(firstName, secondName, both, onlyFirst, onlySecond, neither, ExactPValue(onlySecond, onlyFirst));
    }

    /// <summary>numerator / 2^n as a double, for any n (shifts the big integer down to 64 significant bits first).</summary>
    static double Ratio(BigInteger numerator, int n)
    {
        int shift = Math.Max(0, (int)numerator.GetBitLength() - 64);
        return Math.ScaleB((double)(numerator >> shift), shift - n);
    }
}
