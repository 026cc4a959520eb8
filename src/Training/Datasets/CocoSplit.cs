using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// One split of the OccluNet authors' layout (shared/research/occlunet-spec.md §1.1, docs/data.md): a COCO-style JSON
/// (<c>annotations/train.json</c>) whose <c>images</c> are frame files relative to the split folder
/// (<c>&lt;root&gt;/train/&lt;sequence&gt;/frame_0007.jpg</c>), grouped into sequences by <c>video_id</c> and ordered by
/// <c>frame_number</c> (else the number after the file name's last underscore). Reading collects every defect with its
/// JSON path instead of stopping at the first, so <c>occlunet dataset check</c> and the commands that refuse a broken
/// file say the same thing.
/// </summary>
public sealed class CocoSplit
{
    public string JsonPath { get; }
    public string ImageRoot { get; }
    public IReadOnlyList<CocoSequence> Sequences { get; }
    public IReadOnlyList<DatasetDefect> Defects { get; }
    public IReadOnlyDictionary<long, string> Categories { get; }
    public int Annotations { get; }
    public int CrowdBoxes { get; }

    CocoSplit(string jsonPath, string imageRoot, IReadOnlyList<CocoSequence> sequences, IReadOnlyList<DatasetDefect> defects,
        IReadOnlyDictionary<long, string> categories, int annotations, int crowd)
    {
        JsonPath = jsonPath;
        ImageRoot = imageRoot;
        Sequences = sequences;
        Defects = defects;
        Categories = categories;
        Annotations = annotations;
        CrowdBoxes = crowd;
    }

    /// <summary>The split folder images are relative to: <c>&lt;root&gt;/&lt;split&gt;</c> for <c>&lt;root&gt;/annotations/&lt;split&gt;.json</c>.</summary>
    public static string DefaultImageRoot(string jsonPath)
    {
        var full = Path.GetFullPath(jsonPath);
        var folder = Path.GetDirectoryName(full)!;
        var root = Path.GetFileName(folder) == "annotations" ? Path.GetDirectoryName(folder)! : folder;
        return Path.Combine(root, Path.GetFileNameWithoutExtension(full));
    }

    /// <summary>Reads and checks a split; throws <see cref="DatasetDefectException"/> when it has any defect.</summary>
    public static CocoSplit Load(string jsonPath, string? imageRoot = null)
    {
        var split = Read(jsonPath, imageRoot);
        return split.Defects.Count == 0 ? split : throw new DatasetDefectException(split.Defects);
    }

    /// <summary>Reads a split, collecting its defects (missing image files included; image contents are not opened).</summary>
    public static CocoSplit Read(string jsonPath, string? imageRoot = null)
    {
        if (!File.Exists(jsonPath)) throw new FileNotFoundException($"{jsonPath}: annotation file not found", jsonPath);
        var root = Path.GetFullPath(imageRoot ?? DefaultImageRoot(jsonPath));
        var reader = new Reader(jsonPath, root);
        return reader.Run();
    }

    sealed class Reader(string file, string root)
    {
        readonly List<DatasetDefect> defects = [];

        void Defect(string where, string what) => defects.Add(new DatasetDefect(file, where, what));

        public CocoSplit Run()
        {
            JsonDocument doc;
            try
            {
                using var stream = File.OpenRead(file);
                doc = JsonDocument.Parse(stream);
            }
            catch (JsonException e)
            {
                Defect("", $"not valid JSON ({e.Message})");
                return new CocoSplit(file, root, [], defects, new Dictionary<long, string>(), 0, 0);
            }
            using (doc)
            {
                var top = doc.RootElement;
                if (top.ValueKind != JsonValueKind.Object)
                {
                    Defect("", "the top level is not a JSON object");
                    return new CocoSplit(file, root, [], defects, new Dictionary<long, string>(), 0, 0);
                }
                var categories = ReadCategories(Array(top, "categories"));
                var images = ReadImages(Array(top, "images"));
                var (boxes, count, crowd) = ReadAnnotations(Array(top, "annotations"), images, categories);
                return new CocoSplit(file, root, Group(images, boxes), defects, categories, count, crowd);
            }
        }

        IEnumerable<(JsonElement Item, string Where)> Array(JsonElement top, string name)
        {
            if (!top.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                Defect(name, "missing or not an array");
                return [];
            }
            return array.EnumerateArray().Select((item, i) => (item, $"{name}[{i}]")).ToArray();
        }

        Dictionary<long, string> ReadCategories(IEnumerable<(JsonElement Item, string Where)> items)
        {
            var categories = new Dictionary<long, string>();
            foreach (var (item, where) in items)
            {
                if (Id(item, where, "id") is not long id) continue;
                if (!categories.TryAdd(id, item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id.ToString(CultureInfo.InvariantCulture)))
                    Defect($"{where}.id", $"duplicate category id {id}");
            }
            return categories;
        }

        sealed record Image(long Id, string FileName, int Width, int Height, int FrameNumber, string VideoId, string Where);

        Dictionary<long, Image> ReadImages(IEnumerable<(JsonElement Item, string Where)> items)
        {
            var images = new Dictionary<long, Image>();
            var firstUse = new Dictionary<long, string>();
            foreach (var (item, where) in items)
            {
                var id = Id(item, where, "id");
                var name = Text(item, where, "file_name");
                int? width = Positive(item, where, "width"), height = Positive(item, where, "height");
                string? video = VideoId(item, where);
                int? frame = FrameNumber(item, where, name);
                if (id is not long i || name == null || width == null || height == null || video == null || frame == null) continue;
                if (firstUse.TryGetValue(i, out var other)) { Defect($"{where}.id", $"duplicate image id {i} (also {other})"); continue; }
                firstUse[i] = where;
                if (!File.Exists(Path.Combine(root, name))) Defect($"{where}.file_name", $"image file {Path.Combine(root, name)} not found");
                images[i] = new Image(i, name, width.Value, height.Value, frame.Value, video, where);
            }
            return images;
        }

        (Dictionary<long, List<Box>> Boxes, int Count, int Crowd) ReadAnnotations(IEnumerable<(JsonElement Item, string Where)> items,
            Dictionary<long, Image> images, Dictionary<long, string> categories)
        {
            var boxes = new Dictionary<long, List<Box>>();
            var ids = new Dictionary<long, string>();
            int count = 0, crowd = 0;
            foreach (var (item, where) in items)
            {
                count++;
                if (Id(item, where, "id") is long id && !ids.TryAdd(id, where)) Defect($"{where}.id", $"duplicate annotation id {id} (also {ids[id]})");
                var imageId = Id(item, where, "image_id");
                var categoryId = Id(item, where, "category_id");
                if (categoryId is long c && !categories.ContainsKey(c)) Defect($"{where}.category_id", $"unknown category {c}");
                if (imageId is long m && !images.ContainsKey(m)) { Defect($"{where}.image_id", $"unknown image {m}"); continue; }
                var box = BoxOf(item, where, imageId is long k ? images[k] : null);
                if (imageId is not long key || box is not Box b) continue;
                if (item.TryGetProperty("iscrowd", out var ic) && ic.ValueKind == JsonValueKind.Number && ic.GetDouble() != 0) { crowd++; continue; }
                (boxes.TryGetValue(key, out var list) ? list : boxes[key] = []).Add(b);
            }
            return (boxes, count, crowd);
        }

        Box? BoxOf(JsonElement item, string where, Image? image)
        {
            if (!item.TryGetProperty("bbox", out var bbox) || bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4
                || bbox.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble())))
            {
                Defect($"{where}.bbox", "missing or not [x, y, w, h] of 4 numbers");
                return null;
            }
            var v = bbox.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            var text = $"[{string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture)))}]";
            if (v[2] <= 0 || v[3] <= 0) { Defect($"{where}.bbox", $"{text} has non-positive size"); return null; }
            if (image != null && (v[0] < 0 || v[1] < 0 || v[0] + v[2] > image.Width || v[1] + v[3] > image.Height))
            {
                Defect($"{where}.bbox", $"{text} lies outside image {image.Id} ({image.Width} x {image.Height})");
                return null;
            }
            return new Box(v[0], v[1], v[0] + v[2], v[1] + v[3]);
        }

        List<CocoSequence> Group(Dictionary<long, Image> images, Dictionary<long, List<Box>> boxes)
        {
            var sequences = new List<CocoSequence>();
            foreach (var group in images.Values.GroupBy(i => i.VideoId).OrderBy(g => g.Min(i => i.Id)))
            {
                var frames = group.OrderBy(i => i.FrameNumber).ThenBy(i => i.Id).ToList();
                foreach (var dup in frames.GroupBy(f => f.FrameNumber).Where(g => g.Count() > 1))
                    Defect(dup.Last().Where, $"video_id {group.Key}: frame number {dup.Key} appears {dup.Count()} times");
                var sizes = frames.Select(f => (f.Width, f.Height)).Distinct().ToArray();
                if (sizes.Length > 1)
                    Defect(frames.First(f => (f.Width, f.Height) != sizes[0]).Where, $"video_id {group.Key} mixes image sizes {string.Join(", ", sizes.Select(s => $"{s.Width} x {s.Height}"))}");
                var folders = frames.Select(f => Path.GetDirectoryName(f.FileName) ?? "").Distinct().ToArray();
                if (folders.Length > 1)
                    Defect(frames[0].Where, $"video_id {group.Key} has frames in {folders.Length} folders ({string.Join(", ", folders)}); a sequence is one folder");
                string name = folders[0].Length > 0 ? Path.GetFileName(folders[0]) : $"video_{group.Key}";
                sequences.Add(new CocoSequence(name, group.Key, frames.Select(f =>
                    new CocoFrame(f.Id, f.FileName, Path.Combine(root, f.FileName), f.Width, f.Height, f.FrameNumber,
                        boxes.TryGetValue(f.Id, out var b) ? b : [])).ToArray()));
            }
            foreach (var dup in sequences.GroupBy(s => s.Name).Where(g => g.Count() > 1))
                Defect("images", $"folder '{dup.Key}' holds {dup.Count()} video_ids ({string.Join(", ", dup.Select(s => s.VideoId))})");
            return sequences;
        }

        long? Id(JsonElement item, string where, string name)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long id)) return id;
            Defect($"{where}.{name}", "missing or not an integer");
            return null;
        }

        string? Text(JsonElement item, string where, string name)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0) return v.GetString();
            Defect($"{where}.{name}", "missing or not a non-empty string");
            return null;
        }

        int? Positive(JsonElement item, string where, string name)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n > 0) return n;
            Defect($"{where}.{name}", "missing or not a positive integer");
            return null;
        }

        string? VideoId(JsonElement item, string where)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("video_id", out var v))
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n)) return n.ToString(CultureInfo.InvariantCulture);
                if (v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0) return v.GetString();
            }
            Defect($"{where}.video_id", "missing (the sequence of every frame is required)");
            return null;
        }

        /// <summary><c>frame_number</c>, else the integer after the file name's last underscore (the authors' loader).</summary>
        int? FrameNumber(JsonElement item, string where, string? fileName)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("frame_number", out var v))
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n >= 0) return n;
                Defect($"{where}.frame_number", "not a non-negative integer");
                return null;
            }
            if (fileName == null) return null;
            var stem = Path.GetFileNameWithoutExtension(fileName);
            if (int.TryParse(stem[(stem.LastIndexOf('_') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)) return parsed;
            Defect($"{where}.frame_number", $"missing, and file name '{fileName}' does not end in _<number>");
            return null;
        }
    }
}
