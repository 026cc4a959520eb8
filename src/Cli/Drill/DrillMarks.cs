using System.Globalization;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A scripted session's marks file: CSV with the header <c>case,time_s,x,y</c>; x = <c>none</c> (y empty or none) for
/// "no occlusion". A case may be marked several times (a moved click): its last line counts. Every problem is one line
/// naming the file and the line.
/// </summary>
internal sealed class DrillMarks
{
    public const string Header = "case,time_s,x,y";
    public const string None = "none";

    DrillMarks(string path, IReadOnlyList<DrillMark> all)
    {
        Path = path;
        All = all;
        Last = all.GroupBy(m => m.Case, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>Every mark in file order.</summary>
    public IReadOnlyList<DrillMark> All { get; }

    /// <summary>The mark that counts, per case.</summary>
    public IReadOnlyDictionary<string, DrillMark> Last { get; }

    /// <exception cref="InvalidDataException">The file cannot be read or a line is wrong (the message names both).</exception>
    public static DrillMarks Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"marks file {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "not found" : e.Message)}");
        }
        string header = lines.Length == 0 ? "" : lines[0].TrimStart('\uFEFF').Trim();
        if (!header.Equals(Header, StringComparison.OrdinalIgnoreCase))
            throw Bad(path, 1, $"the header must be '{Header}' (was '{header}')");
        var marks = new List<DrillMark>();
        for (int i = 1; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) marks.Add(Parse(path, i + 1, lines[i]));
        return new DrillMarks(path, marks);
    }

    /// <summary>Refuses a mark of a case the deck does not hold or a point outside its image (<paramref name="sizes"/>: width and height per case).</summary>
    public void CheckAgainst(IReadOnlyDictionary<string, (int Width, int Height)> sizes)
    {
        foreach (var mark in All)
        {
            if (!sizes.TryGetValue(mark.Case, out var size))
                throw Bad(Path, mark.Line, $"case '{mark.Case}' is not in the deck ({string.Join(", ", sizes.Keys.Take(5))}{(sizes.Count > 5 ? ", ..." : "")})");
            if (mark.Point is { } p && !(p.X >= 0 && p.X <= size.Width && p.Y >= 0 && p.Y <= size.Height))
                throw Bad(Path, mark.Line, $"point ({Text(p.X)}, {Text(p.Y)}) is outside the {size.Width} x {size.Height} image of '{mark.Case}'");
        }
    }

    /// <summary>Marks in the file format (what a windowed session keeps, so that it can be scored again headless).</summary>
    public static string ToCsv(IEnumerable<DrillMark> marks) =>
        string.Concat(marks.Select(m => m.Point is { } p
            ? $"{m.Case},{Text(m.TimeS)},{Text(p.X)},{Text(p.Y)}\n"
            : $"{m.Case},{Text(m.TimeS)},{None},\n").Prepend(Header + "\n"));

    static DrillMark Parse(string path, int line, string text)
    {
        string[] fields = text.Split(',').Select(f => f.Trim()).ToArray();
        if (fields.Length != 4) throw Bad(path, line, $"{fields.Length} fields, expected 4 ({Header})");
        if (fields[0].Length == 0) throw Bad(path, line, "the case name is empty");
        if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double time) || !double.IsFinite(time) || time < 0)
            throw Bad(path, line, $"time_s '{fields[1]}' is not a number of seconds >= 0");
        if (fields[2].Equals(None, StringComparison.OrdinalIgnoreCase))
        {
            if (fields[3].Length > 0 && !fields[3].Equals(None, StringComparison.OrdinalIgnoreCase))
                throw Bad(path, line, $"x is '{None}' but y is '{fields[3]}' (leave y empty)");
            return new DrillMark(fields[0], time, null, line);
        }
        return new DrillMark(fields[0], time, (Coordinate(path, line, "x", fields[2]), Coordinate(path, line, "y", fields[3])), line);
    }

    static float Coordinate(string path, int line, string name, string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) ? v
        : throw Bad(path, line, $"{name} '{text}' is not a pixel coordinate (or '{None}' in x for no occlusion)");

    static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static InvalidDataException Bad(string path, int line, string what) => new($"{path}:{line}: {what}");
}
