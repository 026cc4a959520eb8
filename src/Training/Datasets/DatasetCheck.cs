using System.Globalization;
using OccluNet.Live.Capture.Images;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Training.Datasets;

/// <summary>What `occlunet dataset check` found in one split: counts, frame-number gaps, and every defect.</summary>
public sealed record SplitReport(string JsonPath, int Sequences, int Frames, int AnnotatedFrames, int Boxes, int CrowdBoxes,
    IReadOnlyDictionary<long, string> Categories, IReadOnlyDictionary<string, int> Classes, IReadOnlyList<string> Sizes,
    IReadOnlyList<(string Sequence, IReadOnlyList<int> Missing)> Gaps, IReadOnlyList<DatasetDefect> Defects)
{
    public IEnumerable<string> Lines()
    {
        yield return $"{JsonPath}: {Sequences} sequences, {Frames} frames ({AnnotatedFrames} with a box), {Boxes} boxes"
            + (CrowdBoxes > 0 ? $" (+{CrowdBoxes} crowd, ignored)" : "");
        yield return "  categories: " + (Categories.Count == 0 ? "none" : string.Join(", ", Categories.Select(c => $"{c.Value} (id {c.Key})")));
        if (Classes.Count > 0) yield return "  classes (metadata, sequences): " + string.Join(", ", Classes.Select(c => $"{c.Key} {c.Value}"));
        yield return "  image sizes: " + (Sizes.Count == 0 ? "none" : string.Join(", ", Sizes));
        yield return "  frame-number gaps: " + (Gaps.Count == 0 ? "none" : $"{Gaps.Count} sequences");
        foreach (var (sequence, missing) in Gaps.Take(20)) yield return $"    {sequence}: missing {Ranges(missing)}";
        if (Gaps.Count > 20) yield return $"    ... and {Gaps.Count - 20} more";
        yield return $"  defects: {Defects.Count}";
        foreach (var defect in Defects) yield return "    " + defect;
    }

    static string Ranges(IReadOnlyList<int> numbers)
    {
        var parts = new List<string>();
        for (int i = 0; i < numbers.Count;)
        {
            int j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
            parts.Add(i == j ? numbers[i].ToString(CultureInfo.InvariantCulture) : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}

/// <summary>
/// Checks a data set in the authors' layout: a split JSON, or a root whose <c>annotations/*.json</c> are its splits.
/// Besides what reading the JSON finds (<see cref="CocoSplit"/>), it opens every image's header: a file that is not a
/// readable JPEG/PNG, or whose size differs from its JSON entry, is a defect; so is a sequence shared by two splits.
/// </summary>
public static class DatasetCheck
{
    public static IReadOnlyList<string> SplitFiles(string path)
    {
        if (File.Exists(path)) return [path];
        var annotations = Path.Combine(path, "annotations");
        if (Directory.Exists(annotations))
        {
            var files = Directory.GetFiles(annotations, "*.json").Order(StringComparer.Ordinal).ToArray();
            if (files.Length > 0) return files;
        }
        throw new FileNotFoundException($"{path}: neither a split JSON nor a folder with annotations/*.json", path);
    }

    public static IReadOnlyList<SplitReport> Run(string path, string? images = null, LocationMetadata? metadata = null, IProgress<WorkProgress>? progress = null)
    {
        var reports = new List<SplitReport>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SplitFiles(path))
        {
            var split = CocoSplit.Read(file, images);
            var defects = split.Defects.ToList();
            defects.AddRange(ImageDefects(split, progress));
            foreach (var s in split.Sequences)
                if (!owner.TryAdd(s.Name, file)) defects.Add(new DatasetDefect(file, "images", $"sequence '{s.Name}' is also in {owner[s.Name]}; splits must not share sequences"));
            reports.Add(Report(split, defects, metadata));
        }
        return reports;
    }

    /// <param name="progress">Images read of the split's images (the split's file as the item).</param>
    static IEnumerable<DatasetDefect> ImageDefects(CocoSplit split, IProgress<WorkProgress>? progress)
    {
        var frames = split.Sequences.SelectMany(s => s.Frames).Where(f => !f.IsDicom && File.Exists(f.FullPath)).ToArray();
        for (int i = 0; i < frames.Length; i++)
        {
            var f = frames[i];
            DatasetDefect? defect = null;
            try
            {
                var header = ImageFile.ReadHeader(f.FullPath);
                if (header.Width != f.Width || header.Height != f.Height)
                    defect = new DatasetDefect(f.FullPath, "", $"{header.Width} x {header.Height} pixels, {split.JsonPath} says {f.Width} x {f.Height} (image {f.ImageId})");
            }
            catch (InvalidDataException e)
            {
                defect = new DatasetDefect(f.FullPath, "", e.Message.StartsWith(f.FullPath + ": ", StringComparison.Ordinal) ? e.Message[(f.FullPath.Length + 2)..] : e.Message);
            }
            progress?.Report(new WorkProgress(i + 1, frames.Length, Path.GetFileName(split.JsonPath)));
            if (defect != null) yield return defect;
        }
    }

    static SplitReport Report(CocoSplit split, IReadOnlyList<DatasetDefect> defects, LocationMetadata? metadata)
    {
        var frames = split.Sequences.SelectMany(s => s.Frames).ToArray();
        var classes = metadata == null ? new Dictionary<string, int>()
            : split.Sequences.Where(s => s.Frames.Any(f => f.Boxes.Count > 0))
                .GroupBy(s => LocationMetadata.NameOf(metadata.ClassOf(s.Name))).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());
        var negatives = split.Sequences.Count(s => s.Frames.All(f => f.Boxes.Count == 0));
        if (metadata != null && negatives > 0) classes["none"] = negatives;
        return new SplitReport(split.JsonPath, split.Sequences.Count, frames.Length, frames.Count(f => f.Boxes.Count > 0), frames.Sum(f => f.Boxes.Count),
            split.CrowdBoxes, split.Categories, classes,
            frames.GroupBy(f => $"{f.Width} x {f.Height}").Select(g => $"{g.Key} ({g.Count()} frames)").ToArray(),
            split.Sequences.Select(s => (s.Name, s.Gaps())).Where(g => g.Item2.Count > 0).ToArray(), defects);
    }
}
