using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// YOLOX prior grid and box decoding. Priors are grid points without offset, p = (col·s, row·s), P3 then P4 then P5,
/// each row-major; cx = dx·s + px, cy = dy·s + py, w = exp(dw)·s, h = exp(dh)·s.
/// </summary>
internal static class YoloxDecoder
{
    /// <summary>(N, 3) rows [px, py, stride] for the map sizes of <paramref name="output"/>.</summary>
    public static Tensor Priors(HeadOutput output) =>
        Priors(output.BoxDeltas.Select(map => (map.shape[2], map.shape[3])).ToArray(), output.BoxDeltas[0].device);

    /// <summary>(N, 3) rows [px, py, stride] for maps of the given (h, w), strides 8, 16, 32.</summary>
    public static Tensor Priors((long H, long W)[] sizes, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var levels = sizes.Select((size, l) =>
        {
            var (h, w) = size;
            var stride = tensor((float)HeadOutput.Strides[l], device: device);
            var ys = KeptScalars.Range(h, device).repeat_interleave(w);
            var xs = KeptScalars.Range(w, device).repeat(h);
            return stack([xs * stride, ys * stride, stride.expand(h * w)], 1);
        }).ToArray();
        return cat(levels, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Box deltas (B, N, 4) with priors (N, 3) -> boxes (B, N, 4) as x1, y1, x2, y2 in model input pixels.</summary>
    public static Tensor DecodeBoxes(Tensor deltas, Tensor priors)
    {
        using var scope = NewDisposeScope();
        var xy = priors.slice(1, 0, 2, 1);
        var stride = priors.slice(1, 2, 3, 1);
        // No implicit Scalars on this per-frame path (see KeptScalars).
        var centre = (deltas.slice(2, 0, 2, 1) * stride).add(xy, KeptScalars.One);
        var half = (deltas.slice(2, 2, 4, 1).exp() * stride).mul(KeptScalars.Half);
        return cat([centre.add(half, KeptScalars.MinusOne), centre.add(half, KeptScalars.One)], 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same decoding as a graph: the head's (1, N, 5 + C) value (sigmoid applied) to boxes (1, N, 4) as
    /// <see cref="DecodeBoxes"/> writes them and scores (1, N, C) = objectness x class, before any threshold.
    /// </summary>
    public static (string Boxes, string Scores) Export(OnnxGraphBuilder graph, string flat, (long H, long W)[] sizes)
    {
        var xy = graph.Weight("priors.xy", () => Priors(sizes).slice(1, 0, 2, 1));
        var stride = graph.Weight("priors.stride", () => Priors(sizes).slice(1, 2, 3, 1));
        var centre = graph.Add(graph.Mul(graph.Slice(flat, 2, 0, 2), stride), xy);
        var half = graph.Mul(graph.Mul(graph.Op("Exp", [graph.Slice(flat, 2, 2, 4)]), stride), graph.Floats([0.5f]));
        var boxes = graph.Concat(2, graph.Op("Sub", [centre, half]), graph.Add(centre, half));
        var scores = graph.Mul(graph.Slice(flat, 2, 4, 5), graph.Slice(flat, 2, 5, long.MaxValue));
        return (boxes, scores);
    }
}
