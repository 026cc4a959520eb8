using OccluNet.Live.Capture.Images;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// <c>coco:PATH.json</c>: the sequences of one split of the authors' layout (<see cref="CocoSplit"/>), each a run whose
/// truth is its per-frame boxes (frame order = frame-number order) and whose class comes from the metadata CSV. A split
/// with any defect is refused with the first one (the same line `occlunet dataset check` prints).
/// </summary>
public sealed record CocoSource(string JsonPath, string? Images = null, LocationMetadata? Metadata = null) : DataSource
{
    CocoSplit? split;
    LocationMetadata? metadata;

    public CocoSplit Split => split ??= CocoSplit.Load(JsonPath, Images);

    /// <summary>The metadata given, else the data set's own <c>metadata.csv</c> (as `synth` and `dataset convert` write it) when there is one.</summary>
    public LocationMetadata? Locations => Metadata ?? (metadata ??= BesideSplit());

    LocationMetadata? BesideSplit()
    {
        var csv = Path.Combine(Path.GetDirectoryName(CocoSplit.DefaultImageRoot(JsonPath))!, CocoWriter.MetadataFile);
        return File.Exists(csv) ? LocationMetadata.Load(csv) : null;
    }

    public override IEnumerable<RunEntry> Entries(CancellationToken cancellationToken = default) =>
        Split.Sequences.Select(s =>
        {
            var run = LabelledRunOf(s, Locations, Split.JsonPath);
            return new RunEntry(run, new Lazy<int>(s.Frames.Count), () => Read(s, run, Split.JsonPath));
        });

    public override IReadOnlySet<string> RunIds => Split.Sequences.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public override IEnumerable<string> Notes
    {
        get
        {
            if (Split.CrowdBoxes > 0) yield return $"{JsonPath}: {Split.CrowdBoxes} crowd annotations (iscrowd = 1) skipped, as MMDetection ignores them";
            if (Split.Categories.Count > 1) yield return $"{JsonPath}: {Split.Categories.Count} categories ({string.Join(", ", Split.Categories.Values)}) all read as the one occlusion class";
            if (Locations is { } m)
            {
                if (Metadata == null) yield return $"occlusion locations from {m.Path}";
                int missing = Split.Sequences.Count(s => s.Frames.Any(f => f.Boxes.Count > 0) && !m.Has(s.Name));
                if (missing > 0) yield return $"{m.Path}: {missing} annotated sequences have no row; their class is Unknown";
                if (m.Unrecognised.Count > 0) yield return $"{m.Path}: locations read as Unknown: {string.Join(", ", m.Unrecognised)}";
            }
            else yield return $"{JsonPath}: no metadata CSV (--metadata); every occlusion's class is Unknown";
        }
    }

    public override string ToString() => $"COCO split {Path.GetFullPath(JsonPath)}";

    /// <summary>The truth of a sequence: every frame's boxes; the occlusion spans the first to the last annotated frame.</summary>
    public static LabelledRun LabelledRunOf(CocoSequence sequence, LocationMetadata? metadata, string jsonPath)
    {
        var boxes = sequence.Frames.Select(f => f.Boxes).ToArray();
        var annotated = Enumerable.Range(0, boxes.Length).Where(i => boxes[i].Count > 0).ToArray();
        OcclusionTruth? occlusion = null;
        if (annotated.Length > 0)
        {
            var first = boxes[annotated[0]][0];
            occlusion = new OcclusionTruth(metadata?.ClassOf(sequence.Name) ?? OcclusionClass.Unknown, first.CenterX, first.CenterY, first, first,
                annotated[0], annotated[^1]);
        }
        return new LabelledRun(new RunTruth(sequence.Name, sequence.Width, sequence.Height, "", occlusion), null, Path.GetFullPath(jsonPath), boxes);
    }

    /// <summary>Decodes every frame of a sequence (image files, or frames of DICOM files), checking each against the JSON.</summary>
    public static RawRun Read(CocoSequence sequence, LabelledRun run, string jsonPath)
    {
        var frames = new ushort[sequence.Frames.Count][];
        var dicoms = new Dictionary<string, DicomRun>(StringComparer.Ordinal);
        int bits = 0;
        bool? monochrome1 = null;
        for (int i = 0; i < frames.Length; i++)
        {
            var f = sequence.Frames[i];
            int width, height, depth;
            bool mono1 = false;
            if (f.IsDicom)
            {
                if (!dicoms.TryGetValue(f.FullPath, out var dicom)) dicoms[f.FullPath] = dicom = DicomRun.Open(f.FullPath);
                if (f.FrameNumber < 1 || f.FrameNumber > dicom.Pixels.FrameCount)
                    throw new InvalidDataException($"{jsonPath}: image {f.ImageId}: frame_number {f.FrameNumber} is not a frame of {f.FullPath} (1..{dicom.Pixels.FrameCount})");
                frames[i] = dicom.ReadFrame(f.FrameNumber - 1).Pixels;
                (width, height, depth, mono1) = (dicom.Series.Columns, dicom.Series.Rows, dicom.Series.BitsStored, dicom.Series.IsMonochrome1);
            }
            else
            {
                var image = ImageFile.Read(f.FullPath);
                frames[i] = image.Pixels;
                (width, height, depth) = (image.Width, image.Height, image.BitDepth);
            }
            if (width != f.Width || height != f.Height)
                throw new InvalidDataException($"{f.FullPath}: {width} x {height} pixels, {jsonPath} says {f.Width} x {f.Height} (image {f.ImageId})");
            if (monochrome1 is bool m && m != mono1) throw new InvalidDataException($"{f.FullPath}: photometric interpretation differs from the sequence's first frame");
            if (bits != 0 && bits != depth) throw new InvalidDataException($"{f.FullPath}: {depth}-bit, the sequence's first frame is {bits}-bit");
            monochrome1 = mono1;
            bits = depth;
        }
        return new RawRun(run, frames, sequence.Width, sequence.Height, bits, monochrome1 ?? false);
    }
}
