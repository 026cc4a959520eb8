using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// The paper's Table 1 on sequences: one row per truth class present (in the class order of the paper), one for runs
/// without occlusion, and "all". Counts are attributed to the row of the run's truth (as the authors' per-class script
/// does), so a negative run's false alarm appears under "none" and in "all".
/// </summary>
public sealed record PerClassTable(IReadOnlyList<ClassRow> Rows)
{
    public const string NoOcclusionRow = "none";
    public const string AllRow = "all";

    [JsonIgnore]
    public ClassRow All => Rows[^1];

    public ClassRow? Row(string name) => Rows.FirstOrDefault(r => r.Class == name);

    /// <summary>The paper's short name of a class (M1, M2, ICA-I, ICA-E, Unknown).</summary>
    public static string NameOf(OcclusionClass cls) => ClassSet.FiveClasses.Names[(int)cls];

    public static PerClassTable FromOutcomes(IReadOnlyList<RunOutcome> outcomes)
    {
        var rows = outcomes.Where(o => o.IsPositive)
            .GroupBy(o => o.TruthClass!.Value)
            .OrderBy(g => g.Key)
            .Select(g => Row(NameOf(g.Key), g.ToList()))
            .ToList();
        List<RunOutcome> negatives = outcomes.Where(o => !o.IsPositive).ToList();
        if (negatives.Count > 0) rows.Add(Row(NoOcclusionRow, negatives));
        rows.Add(Row(AllRow, outcomes));
        return new PerClassTable(rows);
    }

    static ClassRow Row(string name, IReadOnlyCollection<RunOutcome> runs) => new(
        name, runs.Count, runs.Sum(o => o.Instances), runs.Sum(o => o.TruePositives), runs.Sum(o => o.FalsePositives), runs.Sum(o => o.FalseNegatives));

    /// <summary>A fixed-width text table (precision and recall in percent, "-" when undefined).</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(Line("class", "samples", "instances", "TP", "FP", "FN", "P (%)", "R (%)"));
        foreach (ClassRow r in Rows)
            text.AppendLine(Line(r.Class, Int(r.Samples), Int(r.Instances), Int(r.TruePositives), Int(r.FalsePositives), Int(r.FalseNegatives),
                Percent(r.Precision), Percent(r.Recall)));
        return text.ToString();
    }

    /// <summary>The rows in the project's JSON convention (precision/recall as fractions, null when undefined).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DomainJson.Options);

    static string Line(string cls, string samples, string instances, string tp, string fp, string fn, string p, string r) =>
        $"{cls,-8} {samples,8} {instances,10} {tp,6} {fp,6} {fn,6} {p,7} {r,7}";

    static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Percent(double? value) => value is double v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
