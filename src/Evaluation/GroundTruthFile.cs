using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// Reads run truth from ground-truth JSON files: the top-level <c>"truth"</c> object (a <see cref="RunTruth"/> in the
/// <see cref="DomainJson.Options"/> convention) and, if present, the top-level number <c>"minipDifficulty"</c>. Every
/// other field is ignored, so the phantom's sidecar and any other data set's file with the same object both work.
/// Errors name the file and what is wrong.
/// </summary>
public static class GroundTruthFile
{
    public const string TruthField = "truth";
    public const string MinipDifficultyField = "minipDifficulty";

    /// <summary>Optional: per frame, its boxes (image pixels), for data annotated frame by frame (a converted COCO split).</summary>
    public const string FrameBoxesField = "frameBoxes";

    public static LabelledRun Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using JsonDocument doc = Parse(path);
        if (!doc.RootElement.TryGetProperty(TruthField, out JsonElement truth) || truth.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"no top-level \"{TruthField}\" object");
        return new LabelledRun(ReadTruth(path, truth), ReadDifficulty(path, doc.RootElement), Path.GetFullPath(path), ReadFrameBoxes(path, doc.RootElement));
    }

    /// <summary>
    /// Every ground-truth JSON under <paramref name="folder"/> (recursively, in path order); JSON files without a top-level
    /// "truth" object (an index, metadata) are skipped. Throws when none is found or two files share a run id.
    /// </summary>
    public static IReadOnlyList<LabelledRun> LoadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: folder not found");
        var runs = new List<LabelledRun>();
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!HasTruth(file)) continue;
            LabelledRun run = Load(file);
            if (byId.TryGetValue(run.RunId, out string? other))
                throw Bad(file, $"run id '{run.RunId}' is also used by {other}");
            byId[run.RunId] = file;
            runs.Add(run);
        }
        if (runs.Count == 0) throw new InvalidDataException($"{folder}: no ground-truth JSON (a file with a top-level \"{TruthField}\" object) found");
        return runs;
    }

    static bool HasTruth(string file)
    {
        using JsonDocument doc = Parse(file);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(TruthField, out _);
    }

    static JsonDocument Parse(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"not valid JSON ({e.Message})");
        }
    }

    static RunTruth ReadTruth(string path, JsonElement element)
    {
        RunTruth? truth;
        try
        {
            truth = element.Deserialize<RunTruth>(DomainJson.Options);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"\"{TruthField}\" does not match the RunTruth schema ({e.Message})");
        }
        if (truth == null) throw Bad(path, $"\"{TruthField}\" is null");
        string? problem = Problem(truth);
        return problem == null ? truth : throw Bad(path, $"\"{TruthField}\": {problem}");
    }

    static IReadOnlyList<IReadOnlyList<Box>>? ReadFrameBoxes(string path, JsonElement root)
    {
        if (!root.TryGetProperty(FrameBoxesField, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
        Box[][]? boxes;
        try
        {
            boxes = value.Deserialize<Box[][]>(DomainJson.Options);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"\"{FrameBoxesField}\" is not a list of box lists per frame ({e.Message})");
        }
        if (boxes == null || boxes.Any(f => f == null)) throw Bad(path, $"\"{FrameBoxesField}\" has a null frame");
        var bad = boxes.SelectMany((f, i) => f.Select(b => (b, i))).FirstOrDefault(x => !(x.b.Width > 0 && x.b.Height > 0));
        if (bad != default) throw Bad(path, $"\"{FrameBoxesField}\"[{bad.i}]: {bad.b} is not a box");
        return boxes;
    }

    static double? ReadDifficulty(string path, JsonElement root)
    {
        if (!root.TryGetProperty(MinipDifficultyField, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d))
            throw Bad(path, $"\"{MinipDifficultyField}\" must be a number (was {value.GetRawText()})");
        return d;
    }

    /// <summary>What makes the truth unusable for the metric, or null.</summary>
    static string? Problem(RunTruth t)
    {
        if (string.IsNullOrWhiteSpace(t.RunId)) return "runId is missing";
        if (t.Width <= 0 || t.Height <= 0) return $"image size {t.Width} x {t.Height} must be positive";
        if (t.Occlusion is not OcclusionTruth o) return null;
        if (!Enum.IsDefined(o.Class)) return $"occlusion class {o.Class} is unknown";
        bool neverVisible = o.FirstVisibleFrame == OcclusionTruth.NeverVisible && o.LastVisibleFrame == OcclusionTruth.NeverVisible;
        if (!neverVisible && (o.FirstVisibleFrame < 0 || o.LastVisibleFrame < o.FirstVisibleFrame))
            return $"visible frames {o.FirstVisibleFrame}..{o.LastVisibleFrame} are not an interval of frame indices";
        Box b = o.FixedBox;
        if (!(float.IsFinite(b.X1) && float.IsFinite(b.Y1) && float.IsFinite(b.X2) && float.IsFinite(b.Y2)) || b.Width <= 0 || b.Height <= 0)
            return $"fixedBox {b} is not a box";
        return null;
    }

    static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
