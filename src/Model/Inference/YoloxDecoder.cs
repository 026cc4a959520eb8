using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// YOLOX prior grid and box decoding. Priors are grid points without offset, p = (col·s, row·s), P3 then P4 then P5,
/// each row-major; cx = dx·s + px, cy = dy·s + py, w = exp(dw)·s, h = exp(dh)·s.
/// </summary>
public static class YoloxDecoder
{
    /// <summary>(N, 3) rows [px, py, stride] for the map sizes of <paramref name="output"/>.</summary>
    public static Tensor Priors(HeadOutput output)
    {
        using var scope = NewDisposeScope();
        var device = output.BoxDeltas[0].device;
        var levels = output.BoxDeltas.Select((map, l) =>
        {
            long h = map.shape[2], w = map.shape[3];
            var stride = tensor((float)HeadOutput.Strides[l], device: device);
            var ys = arange(h, dtype: ScalarType.Float32, device: device).repeat_interleave(w);
            var xs = arange(w, dtype: ScalarType.Float32, device: device).repeat(h);
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
}
