using System.Text.Json;
using OccluNet.Live.Capture.Images;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Training.Datasets;

/// <summary>How frames are stored in a written data set.</summary>
public enum FrameImageFormat
{
    /// <summary>8-bit grey JPEG, the authors' frames (lossy).</summary>
    Jpeg,

    /// <summary>Grey PNG, 8 bit for up-to-8-bit sources, else 16 bit (lossless).</summary>
    Png,
}

/// <summary>
/// Writes runs as one split of the OccluNet authors' layout: <c>&lt;root&gt;/&lt;split&gt;/&lt;sequence&gt;/frame_NNNN.jpg</c>
/// (frame numbers from 1, as the authors' dot generator), <c>&lt;root&gt;/annotations/&lt;split&gt;.json</c> (COCO: images with
/// id, file_name, width, height, frame_number, video_id; annotations with id, image_id, category_id 1, bbox [x, y, w, h],
/// area, iscrowd 0; one category) and <c>&lt;root&gt;/metadata.csv</c> (each sequence's location; rows of other splits kept).
/// Stored values are scaled to the file's full range (MONOCHROME1 inverted, so black is black); boxes are clipped to
/// the image. Never overwrites: an existing split JSON or sequence folder is refused.
/// </summary>
public sealed class CocoWriter
{
    public const string MetadataFile = "metadata.csv";
    public const string CategoryName = "occlusion";

    /// <summary>JPEG quality of the frame files unless asked otherwise (`dataset convert --quality`).</summary>
    public const int DefaultQuality = 95;

    readonly string root, split;
    readonly FrameImageFormat format;
    readonly int quality;
    readonly List<object> images = [], annotations = [];
    readonly List<(string Sequence, OcclusionClass? Class)> rows = [];

    public CocoWriter(string root, string split, FrameImageFormat format = FrameImageFormat.Jpeg, int quality = DefaultQuality)
    {
        if (split.Length == 0 || split.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || split == "annotations")
            throw new ArgumentException($"'{split}' cannot name a split folder.");
        this.root = root;
        this.split = split;
        this.format = format;
        this.quality = quality;
        if (File.Exists(JsonPath)) throw new IOException($"{JsonPath}: exists; a split is written once and never overwritten.");
        Directory.CreateDirectory(Path.Combine(root, "annotations"));
        Directory.CreateDirectory(Path.Combine(root, split));
    }

    public string JsonPath => Path.Combine(root, "annotations", split + ".json");
    public int Sequences => rows.Count;

    /// <summary>Adds a labelled run (truth boxes per frame, class of a visible occlusion) under its run id.</summary>
    public void Add(RawRun run) =>
        Add(run.Run.RunId, run.Frames, run.Width, run.Height, run.BitsStored, run.Monochrome1,
            Enumerable.Range(0, run.Frames.Count).Select(run.Run.BoxesIn).ToArray(),
            run.Run.Truth.Occlusion is { IsEverVisible: true } o ? o.Class : null);

    /// <summary>Adds one run: its stored frames and each frame's truth boxes (image pixels).</summary>
    public void Add(string sequence, IReadOnlyList<ushort[]> frames, int width, int height, int bitsStored, bool monochrome1,
        IReadOnlyList<IReadOnlyList<Box>> boxes, OcclusionClass? cls)
    {
        if (sequence.Length == 0 || sequence.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) throw new ArgumentException($"run id '{sequence}' cannot name a folder.");
        if (boxes.Count != frames.Count) throw new ArgumentException($"run '{sequence}': {frames.Count} frames but boxes for {boxes.Count}.");
        var folder = Path.Combine(root, split, sequence);
        if (Directory.Exists(folder)) throw new IOException($"{folder}: exists; a sequence is written once and never overwritten.");
        Directory.CreateDirectory(folder);
        int videoId = rows.Count + 1, depth = format == FrameImageFormat.Jpeg || bitsStored <= 8 ? 8 : 16;
        var extension = format == FrameImageFormat.Jpeg ? ".jpg" : ".png";
        for (int f = 0; f < frames.Count; f++)
        {
            var name = $"{sequence}/frame_{f + 1:D4}{extension}";
            var image = new GrayImage(width, height, depth, StoredScale.ToDepth(frames[f], bitsStored, monochrome1, depth));
            if (format == FrameImageFormat.Jpeg) ImageFile.WriteJpeg(Path.Combine(root, split, name), image, quality);
            else ImageFile.WritePng(Path.Combine(root, split, name), image);
            int imageId = images.Count + 1;
            images.Add(new { id = imageId, file_name = name, width, height, frame_number = f + 1, video_id = videoId });
            foreach (var box in boxes[f])
            {
                var b = new Box(Math.Max(0, box.X1), Math.Max(0, box.Y1), Math.Min(width, box.X2), Math.Min(height, box.Y2));
                if (b.Width <= 0 || b.Height <= 0) continue; // entirely outside the image: nothing to annotate
                annotations.Add(new { id = annotations.Count + 1, image_id = imageId, category_id = 1, bbox = new[] { b.X1, b.Y1, b.Width, b.Height }, area = b.Area, iscrowd = 0 });
            }
        }
        rows.Add((sequence, cls));
    }

    /// <summary>Writes the split's JSON and adds its sequences to the metadata CSV.</summary>
    public void Finish()
    {
        var doc = new { images, annotations, categories = new[] { new { id = 1, name = CategoryName } } };
        File.WriteAllText(JsonPath, JsonSerializer.Serialize(doc) + "\n");
        var csv = Path.Combine(root, MetadataFile);
        var all = new List<(string, OcclusionClass?)>();
        if (File.Exists(csv))
        {
            var old = LocationMetadata.ReadRows(csv);
            var clash = old.Select(r => r.Sequence).Intersect(rows.Select(r => r.Sequence)).FirstOrDefault();
            if (clash != null) throw new IOException($"{csv}: already has sequence '{clash}' (from another split); sequence names must be unique across splits.");
            all.AddRange(old);
        }
        all.AddRange(rows);
        LocationMetadata.Write(csv, all);
    }
}

/// <summary>Stored pixel values to an image file's depth: full range to full range, MONOCHROME1 turned so black is 0.</summary>
internal static class StoredScale
{
    public static ushort[] ToDepth(ushort[] stored, int bitsStored, bool monochrome1, int depth)
    {
        int from = (1 << bitsStored) - 1, to = (1 << depth) - 1;
        var output = new ushort[stored.Length];
        for (int i = 0; i < stored.Length; i++)
        {
            int v = Math.Min((int)stored[i], from);
            if (monochrome1) v = from - v;
            output[i] = (ushort)((v * (long)to + from / 2) / from);
        }
        return output;
    }
}
