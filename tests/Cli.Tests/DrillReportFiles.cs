using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SkiaSharp;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Reads a drill report folder's report.html and charts back for the tests: the HTML's tables by id (rows of cell
/// texts, a link's target for a link, the header row left out), its images, and checks that each table says the numbers report.json has.
/// </summary>
internal static class DrillReportFiles
{
    public static XDocument Html(string folder)
    {
        string text = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.That(text, Does.StartWith("<!DOCTYPE html>"));
        return XDocument.Parse(text["<!DOCTYPE html>".Length..]);
    }

    public static Dictionary<string, List<string[]>> Tables(XDocument html) =>
        html.Descendants().Where(e => e.Name.LocalName == "table").ToDictionary(t => (string)t.Attribute("id")!,
            t => t.Elements().Where(r => r.Name.LocalName == "tr").Skip(1).Select(r => r.Elements().Select(Text).ToArray()).ToList());

    /// <summary>A cell's text, or for a link (a reveal) the file it links to.</summary>
    static string Text(XElement cell) =>
        cell.Descendants().FirstOrDefault(e => e.Name.LocalName == "a") is { } link ? (string)link.Attribute("href")! : cell.Value;

    public static string[] Images(XDocument html) =>
        html.Descendants().Where(e => e.Name.LocalName == "img").Select(e => (string)e.Attribute("src")!).ToArray();

    /// <summary>The HTML's per-case rows, overall and breakdown tables against report.json, number for number.</summary>
    public static void AssertHtmlSaysWhatJsonSays(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var root = json.RootElement;
        var tables = Tables(Html(folder));
        var cases = root.GetProperty("cases").EnumerateArray().ToArray();
        var rows = tables["cases"];
        Assert.That(rows, Has.Count.EqualTo(cases.Length), "every case has a row");
        for (int i = 0; i < cases.Length; i++)
        {
            var (c, row) = (cases[i], rows[i]);
            string name = c.GetProperty("name").GetString()!;
            Assert.That(row[1], Is.EqualTo(name));
            Assert.That(row[5], Is.EqualTo(c.GetProperty("verdict").GetString()), name);
            AssertSeconds(row[6], c.GetProperty("time_to_detection_s"), name);
            Assert.That(row[7], Is.EqualTo(c.GetProperty("ai_verdict").GetString()), name);
            AssertSeconds(row[8], c.GetProperty("ai_time_to_detection_s"), name);
            Assert.That(row[9], Is.EqualTo(c.GetProperty("snapshot").GetString() ?? "-"), name);
        }
        var overall = root.GetProperty("overall");
        var o = tables["overall"].ToDictionary(r => r[0]);
        AssertShare(o["sensitivity"][1], overall.GetProperty("trainee_counts"), "true_positives", "positives", overall.GetProperty("sensitivity"));
        AssertShare(o["sensitivity"][2], overall.GetProperty("ai_counts"), "true_positives", "positives", overall.GetProperty("ai_sensitivity"));
        AssertShare(o["specificity"][1], overall.GetProperty("trainee_counts"), "true_negatives", "negatives", overall.GetProperty("specificity"));
        AssertShare(o["specificity"][2], overall.GetProperty("ai_counts"), "true_negatives", "negatives", overall.GetProperty("ai_specificity"));
        AssertSeconds(o["median time to detection"][1], overall.GetProperty("median_time_to_detection_s"), "median");
        AssertSeconds(o["median time to detection"][2], overall.GetProperty("ai_median_time_to_detection_s"), "AI median");
        AssertBreakdown(tables["by-class"], root.GetProperty("by_class"), g => g.GetProperty("class").GetString()!, r => r);
        AssertBreakdown(tables["by-difficulty"], root.GetProperty("by_difficulty"), g => g.GetProperty("band").GetString()!, r => r.Split(':')[0]);
    }

    static void AssertBreakdown(List<string[]> rows, JsonElement groups, Func<JsonElement, string> key, Func<string, string> rowKey)
    {
        var byKey = rows.ToDictionary(r => rowKey(r[0]));
        Assert.That(byKey.Keys, Is.EquivalentTo(groups.EnumerateArray().Select(key)));
        foreach (var g in groups.EnumerateArray())
        {
            var row = byKey[key(g)];
            var (t, a) = (g.GetProperty("trainee"), g.GetProperty("ai"));
            Assert.That(int.Parse(row[1], CultureInfo.InvariantCulture), Is.EqualTo(t.GetProperty("positives").GetInt32() + t.GetProperty("negatives").GetInt32()), key(g));
            AssertShare(row[2], t, "true_positives", "positives", t.GetProperty("sensitivity"));
            AssertShare(row[3], a, "true_positives", "positives", a.GetProperty("sensitivity"));
            AssertShare(row[4], t, "true_negatives", "negatives", t.GetProperty("specificity"));
            AssertShare(row[5], a, "true_negatives", "negatives", a.GetProperty("specificity"));
        }
    }

    /// <summary>A cell "k/n (p %)" against the counts and share of the JSON; "-" where the JSON's share is null.</summary>
    static void AssertShare(string cell, JsonElement counts, string count, string of, JsonElement share)
    {
        if (share.ValueKind == JsonValueKind.Null)
        {
            Assert.That(cell, Is.EqualTo("-"));
            return;
        }
        string[] parts = cell.Split(' ')[0].Split('/');
        Assert.That(int.Parse(parts[0], CultureInfo.InvariantCulture), Is.EqualTo(counts.GetProperty(count).GetInt32()), cell);
        Assert.That(int.Parse(parts[1], CultureInfo.InvariantCulture), Is.EqualTo(counts.GetProperty(of).GetInt32()), cell);
        Assert.That((double)int.Parse(parts[0], CultureInfo.InvariantCulture) / int.Parse(parts[1], CultureInfo.InvariantCulture), Is.EqualTo(share.GetDouble()).Within(1e-9), cell);
    }

    /// <summary>A cell "x.xx s" against a JSON number of seconds (to the cell's two decimals); "-" where it is null.</summary>
    static void AssertSeconds(string cell, JsonElement seconds, string what)
    {
        if (seconds.ValueKind == JsonValueKind.Null)
        {
            Assert.That(cell, Is.EqualTo("-"), what);
            return;
        }
        Assert.That(cell, Does.EndWith(" s"), what);
        Assert.That(double.Parse(cell[..^2], CultureInfo.InvariantCulture), Is.EqualTo(seconds.GetDouble()).Within(0.005 + 1e-9), what);
    }

    /// <summary>Decodes a PNG of the folder (fails when it does not decode).</summary>
    public static SKBitmap Png(string folder, string name)
    {
        var bitmap = SKBitmap.Decode(Path.Combine(folder, name));
        Assert.That(bitmap, Is.Not.Null, $"{name} decodes as an image");
        return bitmap;
    }
}
