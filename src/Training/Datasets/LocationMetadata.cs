using System.Text;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// The per-sequence occlusion location of the paper's Table 1, from a metadata CSV as the authors keep it
/// (<c>metadata_dsa_MIP.csv</c>: sequence in column <c>Filename</c>, possibly as <c>&lt;sequence&gt;_minIP.png</c>;
/// location in <c>Occlusion Location</c>). A sequence without a row, or with an empty or unrecognised location, is
/// <see cref="OcclusionClass.Unknown"/>, as in the authors' per-class script; the unrecognised values are kept so the
/// commands can say so.
/// </summary>
public sealed class LocationMetadata
{
    public const string DefaultSequenceColumn = "Filename";
    public const string DefaultLocationColumn = "Occlusion Location";

    readonly Dictionary<string, OcclusionClass> classes;

    LocationMetadata(string path, Dictionary<string, OcclusionClass> classes, IReadOnlyList<string> unrecognised)
    {
        Path = path;
        this.classes = classes;
        Unrecognised = unrecognised;
    }

    public string Path { get; }
    public int Count => classes.Count;

    /// <summary>Location values that named no known class (read as Unknown).</summary>
    public IReadOnlyList<string> Unrecognised { get; }

    public OcclusionClass ClassOf(string sequence) => classes.TryGetValue(sequence, out var c) ? c : OcclusionClass.Unknown;

    public bool Has(string sequence) => classes.ContainsKey(sequence);

    public static LocationMetadata Load(string path, string locationColumn = DefaultLocationColumn, string sequenceColumn = DefaultSequenceColumn)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: metadata file not found", path);
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidDataException($"{path}: empty metadata file");
        var header = Csv.Split(lines[0]);
        int seq = Column(header, sequenceColumn, path), loc = Column(header, locationColumn, path);
        var classes = new Dictionary<string, OcclusionClass>(StringComparer.Ordinal);
        var unrecognised = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = Csv.Split(lines[i]);
            if (cells.Count <= Math.Max(seq, loc)) throw new InvalidDataException($"{path}: line {i + 1} has {cells.Count} fields, the header {header.Count}");
            var name = SequenceName(cells[seq]);
            var value = cells[loc].Trim();
            var cls = Parse(value);
            if (cls == null && value.Length > 0) unrecognised.Add(value);
            if (!classes.TryAdd(name, cls ?? OcclusionClass.Unknown)) throw new InvalidDataException($"{path}: line {i + 1}: sequence '{name}' has a second row");
        }
        return new LocationMetadata(path, classes, unrecognised.ToArray());
    }

    /// <summary>Writes the CSV a converted or synthetic data set comes with (Filename, Occlusion Location; "" for no occlusion).</summary>
    public static void Write(string path, IEnumerable<(string Sequence, OcclusionClass? Class)> rows)
    {
        var text = new StringBuilder().Append(DefaultSequenceColumn).Append(',').Append(DefaultLocationColumn).Append('\n');
        foreach (var (sequence, cls) in rows) text.Append(Csv.Quote(sequence)).Append(',').Append(cls is { } c ? NameOf(c) : "").Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The rows of a CSV this class wrote (Filename, Occlusion Location; empty = no occlusion).</summary>
    public static IReadOnlyList<(string Sequence, OcclusionClass? Class)> ReadRows(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var header = lines.Length > 0 ? Csv.Split(lines[0]) : [];
        int seq = Column(header, DefaultSequenceColumn, path), loc = Column(header, DefaultLocationColumn, path);
        return lines.Skip(1).Select(Csv.Split).Where(c => c.Count > Math.Max(seq, loc))
            .Select(c => (c[seq], c[loc].Trim().Length == 0 ? (OcclusionClass?)null : Parse(c[loc]) ?? OcclusionClass.Unknown)).ToArray();
    }

    /// <summary>The paper's name of a class (M1, M2, ICA-I, ICA-E, Unknown).</summary>
    public static string NameOf(OcclusionClass cls) => ClassSet.FiveClasses.Names[(int)cls];

    /// <summary>M1, M2, ICA-I / intracranial ICA, ICA-E / extracranial ICA, Unknown (case and spacing ignored); null otherwise.</summary>
    public static OcclusionClass? Parse(string value) => new string(value.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray()) switch
    {
        "m1" => OcclusionClass.M1,
        "m2" => OcclusionClass.M2,
        "icai" or "intracranialica" or "icaintracranial" => OcclusionClass.IntracranialIca,
        "icae" or "extracranialica" or "icaextracranial" => OcclusionClass.ExtracranialIca,
        "unknown" => OcclusionClass.Unknown,
        _ => null,
    };

    /// <summary>The sequence a Filename cell names: folder and extension dropped, a trailing "_minIP" too.</summary>
    static string SequenceName(string cell)
    {
        var name = System.IO.Path.GetFileName(cell.Trim());
        if (name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        return name.EndsWith("_minIP", StringComparison.OrdinalIgnoreCase) ? name[..^6] : name;
    }

    static int Column(IReadOnlyList<string> header, string name, string path)
    {
        for (int i = 0; i < header.Count; i++) if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new InvalidDataException($"{path}: no column '{name}' (columns: {string.Join(", ", header)})");
    }
}

/// <summary>The CSV of RFC 4180 on one line: commas, double-quoted fields with "" for a quote.</summary>
static class Csv
{
    public static IReadOnlyList<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    public static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
