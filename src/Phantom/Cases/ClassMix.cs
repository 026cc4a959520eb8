using System.Globalization;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Share of runs per class (weights, normalised when drawn). Default (spec 5.2): 30% negatives; positives
/// M1 55%, M2 18%, intracranial ICA 17%, extracranial ICA 8%, unknown 2%.
/// </summary>
public sealed record ClassMix(double Negative, double M1, double M2, double IntracranialIca, double ExtracranialIca, double Unknown)
{
    public static readonly ClassMix Default = new(30, 70 * 0.55, 70 * 0.18, 70 * 0.17, 70 * 0.08, 70 * 0.02);

    /// <summary>Parse "neg=30,m1=40,m2=10,icai=10,icae=5,unknown=5" (any subset; missing names are 0).</summary>
    public static ClassMix Parse(string text)
    {
        double neg = 0, m1 = 0, m2 = 0, icai = 0, icae = 0, unk = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || w < 0)
                throw new FormatException($"class mix entry '{part}' is not name=weight with a weight >= 0");
            switch (kv[0].ToLowerInvariant())
            {
                case "neg": case "negative": neg = w; break;
                case "m1": m1 = w; break;
                case "m2": m2 = w; break;
                case "icai": case "ica-i": icai = w; break;
                case "icae": case "ica-e": icae = w; break;
                case "unknown": case "unk": unk = w; break;
                default: throw new FormatException($"class mix name '{kv[0]}' is not one of neg, m1, m2, icai, icae, unknown");
            }
        }
        if (neg + m1 + m2 + icai + icae + unk <= 0) throw new FormatException("class mix weights sum to 0");
        return new ClassMix(neg, m1, m2, icai, icae, unk);
    }

    /// <summary>The mix as <see cref="Parse"/> reads it back (names with a weight of 0 left out).</summary>
    public string Spec => string.Join(",", new[] { ("neg", Negative), ("m1", M1), ("m2", M2), ("icai", IntracranialIca), ("icae", ExtracranialIca), ("unknown", Unknown) }
        .Where(p => p.Item2 > 0).Select(p => $"{p.Item1}={p.Item2.ToString("R", CultureInfo.InvariantCulture)}"));

    /// <summary>Null for a negative, else the class.</summary>
    public OcclusionClass? Draw(double u)
    {
        double[] w = { Negative, M1, M2, IntracranialIca, ExtracranialIca, Unknown };
        double total = w.Sum(), acc = 0;
        for (int i = 0; i < w.Length; i++)
        {
            acc += w[i] / total;
            if (u < acc) return i == 0 ? null : ClassOf(i);
        }
        return Unknown > 0 ? OcclusionClass.Unknown : null;
    }

    static OcclusionClass ClassOf(int i) => i switch
    {
        1 => OcclusionClass.M1,
        2 => OcclusionClass.M2,
        3 => OcclusionClass.IntracranialIca,
        4 => OcclusionClass.ExtracranialIca,
        _ => OcclusionClass.Unknown,
    };
}
