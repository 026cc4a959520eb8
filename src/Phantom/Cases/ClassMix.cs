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

    /// <summary>The names <see cref="Parse"/> reads and <see cref="Spec"/> writes, in the order of <see cref="Weights"/>.</summary>
    static readonly string[] Names = ["neg", "m1", "m2", "icai", "icae", "unknown"];

    static readonly Dictionary<string, int> Aliases = new() { ["negative"] = 0, ["ica-i"] = 3, ["ica-e"] = 4, ["unk"] = 5 };

    double[] Weights => [Negative, M1, M2, IntracranialIca, ExtracranialIca, Unknown];

    /// <summary>Parse "neg=30,m1=40,m2=10,icai=10,icae=5,unknown=5" (any subset; missing names are 0).</summary>
    public static ClassMix Parse(string text)
    {
        var w = new double[Names.Length];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || weight < 0)
                throw new FormatException($"class mix entry '{part}' is not name=weight with a weight >= 0");
            string name = kv[0].ToLowerInvariant();
            int i = Array.IndexOf(Names, name);
            if (i < 0 && !Aliases.TryGetValue(name, out i))
                throw new FormatException($"class mix name '{kv[0]}' is not one of {string.Join(", ", Names)}");
            w[i] = weight;
        }
        if (w.Sum() <= 0) throw new FormatException("class mix weights sum to 0");
        return new ClassMix(w[0], w[1], w[2], w[3], w[4], w[5]);
    }

    /// <summary>The mix as <see cref="Parse"/> reads it back (names with a weight of 0 left out).</summary>
    public string Spec => string.Join(",", Names.Zip(Weights).Where(p => p.Second > 0)
        .Select(p => $"{p.First}={p.Second.ToString("R", CultureInfo.InvariantCulture)}"));

    /// <summary>Null for a negative, else the class.</summary>
    public OcclusionClass? Draw(double u)
    {
        var w = Weights;
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
