using OccluNet.Live.Domain;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Head maps to managed detections: score = sigmoid(obj) x max sigmoid(cls) with that class as label (MMDetection's
/// YOLOX), threshold, the best <see cref="DetectionSettings.PreNmsTopK"/>, then greedy class-aware NMS (suppress
/// IoU &gt; threshold) and top-k. Every engine ends in <see cref="Select"/> on the same decoded boxes and scores, so the
/// same numbers give the same detections whichever engine computed them.
/// </summary>
internal static class PostProcessor
{
    public static IReadOnlyList<Detection>[] Detect(HeadOutput output, DetectionSettings settings)
    {
        using var scope = NewDisposeScope();
        var (boxes, scores) = BoxesAndScores(output);
        long images = boxes.shape[0], priors = boxes.shape[1], classes = scores.shape[2];
        var boxValues = ToArray(boxes);
        var scoreValues = ToArray(scores);
        return Enumerable.Range(0, (int)images).Select(b => Select(
            boxValues.AsSpan((int)(b * priors * 4), (int)(priors * 4)),
            scoreValues.AsSpan((int)(b * priors * classes), (int)(priors * classes)), (int)classes, settings)).ToArray();
    }

    /// <summary>
    /// Decoded boxes (B, N, 4; x1, y1, x2, y2 in model input pixels) and per-class scores (B, N, C) = sigmoid(obj) x
    /// sigmoid(cls), before any threshold: what the exported window head graph outputs.
    /// </summary>
    public static (Tensor Boxes, Tensor Scores) BoxesAndScores(HeadOutput output)
    {
        using var scope = NewDisposeScope();
        var flat = output.Flatten(sigmoid: true);
        var boxes = YoloxDecoder.DecodeBoxes(flat.slice(2, 0, 4, 1), YoloxDecoder.Priors(output));
        var scores = flat.slice(2, 5, flat.shape[2], 1) * flat.slice(2, 4, 5, 1);
        return (boxes.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// One image's detections from its decoded boxes (N x 4) and per-class scores (N x C): best class per prior,
    /// threshold, the best <see cref="DetectionSettings.PreNmsTopK"/> (ties: lower prior first), NMS, top-k.
    /// </summary>
    public static IReadOnlyList<Detection> Select(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, int classes, DetectionSettings settings)
    {
        int priors = scores.Length / classes;
        var candidates = new List<(float Score, int Prior, int Label)>();
        for (int p = 0; p < priors; p++)
        {
            var row = scores.Slice(p * classes, classes);
            int label = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[label]) label = c;
            if (row[label] >= settings.ScoreThreshold) candidates.Add((row[label], p, label));
        }
        candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Prior.CompareTo(b.Prior));
        var detections = new List<Detection>(Math.Min(candidates.Count, settings.PreNmsTopK));
        foreach (var (score, p, label) in candidates.Take(settings.PreNmsTopK))
            detections.Add(new Detection(new Box(boxes[4 * p], boxes[4 * p + 1], boxes[4 * p + 2], boxes[4 * p + 3]), score, label));
        return NonMaximumSuppression(detections, settings.NmsIou, settings.MaxDetections);
    }

    /// <summary>Greedy NMS per class over detections sorted by score (best first); at most <paramref name="maxDetections"/>.</summary>
    public static IReadOnlyList<Detection> NonMaximumSuppression(IEnumerable<Detection> sortedBestFirst, float iouThreshold, int maxDetections)
    {
        var kept = new List<Detection>();
        foreach (var candidate in sortedBestFirst)
        {
            if (kept.Count >= maxDetections) break;
            if (kept.Any(k => k.ClassId == candidate.ClassId && k.Box.IntersectionOverUnion(candidate.Box) > iouThreshold)) continue;
            kept.Add(candidate);
        }
        return kept;
    }

    private static float[] ToArray(Tensor t)
    {
        using var cpu = t.to(ScalarType.Float32).cpu().contiguous();
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(cpu.bytes).ToArray();
    }
}
