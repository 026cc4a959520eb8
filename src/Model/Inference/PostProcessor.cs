using OccluNet.Live.Domain;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Head maps to managed detections: score = sigmoid(obj) x max sigmoid(cls) with that class as label (MMDetection's
/// YOLOX), threshold, the best <see cref="DetectionSettings.PreNmsTopK"/> on the tensor side, then greedy class-aware NMS
/// (suppress IoU &gt; threshold) and top-k on the few survivors in managed code.
/// </summary>
public static class PostProcessor
{
    public static IReadOnlyList<Detection>[] Detect(HeadOutput output, DetectionSettings settings)
    {
        using var scope = NewDisposeScope();
        var flat = output.Flatten(sigmoid: true);
        var priors = YoloxDecoder.Priors(output);
        var boxes = YoloxDecoder.DecodeBoxes(flat.slice(2, 0, 4, 1), priors);
        var (classScore, label) = flat.slice(2, 5, flat.shape[2], 1).max(2);
        var score = classScore * flat.select(2, 4);
        return Enumerable.Range(0, (int)flat.shape[0]).Select(b => PerImage(boxes[b], score[b], label[b], settings)).ToArray();
    }

    private static IReadOnlyList<Detection> PerImage(Tensor boxes, Tensor score, Tensor label, DetectionSettings settings)
    {
        var keep = score.ge(tensor(settings.ScoreThreshold, device: score.device)).nonzero().flatten();
        if (keep.numel() == 0) return Array.Empty<Detection>();
        var kept = score.index_select(0, keep);
        var (top, order) = kept.topk((int)Math.Min(settings.PreNmsTopK, kept.numel()));
        var chosen = keep.index_select(0, order);
        var boxValues = ToArray(boxes.index_select(0, chosen));
        var scoreValues = ToArray(top);
        var labels = label.index_select(0, chosen).to(ScalarType.Int64).cpu().data<long>().ToArray();
        var candidates = Enumerable.Range(0, scoreValues.Length).Select(i => new Detection(
            new Box(boxValues[4 * i], boxValues[4 * i + 1], boxValues[4 * i + 2], boxValues[4 * i + 3]), scoreValues[i], (int)labels[i]));
        return NonMaximumSuppression(candidates, settings.NmsIou, settings.MaxDetections);
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
