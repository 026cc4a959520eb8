using OccluNet.Live.Domain;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Training.Tests;

/// <summary>
/// The OccluNet authors' dot sanity set (anushka-kore/OccluNet:Scripts/dot_dataset.py as described in
/// shared/research/occlunet-spec.md §1.5), written in their layout: white 8-bit JPEG frames, a black disc of radius 15
/// at a position fixed per sequence, the box [x - 15, y - 15, 40, 40] (sic: 40, not 30), 3-25 frames numbered from 1,
/// only the middle half annotated (frames max(1, c - n/4) .. min(n, c + n/4), c = n/2). The first
/// train sequences (the count given) form train.json, the rest val.json.
/// </summary>
static class DotDataset
{
    public const int Radius = 15, BoxSize = 40;

    public static void Write(string root, int sequences, int train, int size = 1024, int seed = 42, int minFrames = 3, int maxFrames = 25)
    {
        var random = new Random(seed);
        var trainWriter = new CocoWriter(root, "train");
        var valWriter = new CocoWriter(root, "val");
        for (int s = 1; s <= sequences; s++)
        {
            int n = random.Next(minFrames, maxFrames + 1);
            int x = random.Next(Radius, size - BoxSize + Radius), y = random.Next(Radius, size - BoxSize + Radius);
            var frame = Disc(size, x, y);
            int c = n / 2, first = Math.Max(1, c - n / 4), last = Math.Min(n, c + n / 4);
            var box = new Box(x - Radius, y - Radius, x - Radius + BoxSize, y - Radius + BoxSize);
            var boxes = Enumerable.Range(1, n).Select(k => k >= first && k <= last ? (IReadOnlyList<Box>)[box] : []).ToArray();
            (s <= train ? trainWriter : valWriter).Add($"sequence_{s}", Enumerable.Repeat(frame, n).ToArray(), size, size, 8, false, boxes, OcclusionClass.Unknown);
        }
        trainWriter.Finish();
        valWriter.Finish();
    }

    static ushort[] Disc(int size, int cx, int cy)
    {
        var pixels = new ushort[size * size];
        Array.Fill(pixels, (ushort)255);
        for (int y = cy - Radius; y <= cy + Radius; y++)
        for (int x = cx - Radius; x <= cx + Radius; x++)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= Radius * Radius) pixels[y * size + x] = 0;
        return pixels;
    }
}
