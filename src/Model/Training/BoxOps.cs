using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>Box geometry on tensors of x1, y1, x2, y2 rows.</summary>
internal static class BoxOps
{
    /// <summary>Pairwise IoU (N, 4) x (M, 4) -> (N, M).</summary>
    public static Tensor PairwiseIou(Tensor a, Tensor b, double eps = 1e-6)
    {
        using var scope = NewDisposeScope();
        using Scalar epsilon = eps, zero = 0;
        var lt = maximum(a.slice(1, 0, 2, 1).unsqueeze(1), b.slice(1, 0, 2, 1).unsqueeze(0));
        var rb = minimum(a.slice(1, 2, 4, 1).unsqueeze(1), b.slice(1, 2, 4, 1).unsqueeze(0));
        var wh = (rb - lt).clamp_min(zero);
        var overlap = wh.select(2, 0) * wh.select(2, 1);
        var union = Area(a).unsqueeze(1).Plus(Area(b).unsqueeze(0)) - overlap;
        return (overlap / union.clamp_min(epsilon)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// DIoU loss per aligned pair (N, 4) x (N, 4): 1 - (IoU - ρ²/c²), ρ the distance of the centres and c the diagonal
    /// of the smallest enclosing box (MMDetection's diou_loss, eps 1e-6).
    /// </summary>
    public static Tensor DiouLoss(Tensor pred, Tensor target, double eps = 1e-6)
    {
        using var scope = NewDisposeScope();
        // Explicit Scalars held to the end (implicit ones can be freed by their finalizer mid-call; see KeptScalars).
        using Scalar epsilon = eps, zero = 0, two = 2;
        var lt = maximum(pred.slice(1, 0, 2, 1), target.slice(1, 0, 2, 1));
        var rb = minimum(pred.slice(1, 2, 4, 1), target.slice(1, 2, 4, 1));
        var wh = (rb - lt).clamp_min(zero);
        var overlap = wh.select(1, 0) * wh.select(1, 1);
        var iou = overlap / (Area(pred).Plus(Area(target)) - overlap).Plus(epsilon);
        var enclose = (maximum(pred.slice(1, 2, 4, 1), target.slice(1, 2, 4, 1)) - minimum(pred.slice(1, 0, 2, 1), target.slice(1, 0, 2, 1))).clamp_min(zero);
        var c2 = enclose.pow(two).sum(1).Plus(epsilon);
        var centreDelta = (target.slice(1, 0, 2, 1).Plus(target.slice(1, 2, 4, 1)) - pred.slice(1, 0, 2, 1) - pred.slice(1, 2, 4, 1)) / two;
        var rho2 = centreDelta.pow(two).sum(1);
        return (iou - rho2 / c2).OneMinus().MoveToOuterDisposeScope();
    }

    public static Tensor Area(Tensor boxes) =>
        (boxes.select(1, 2) - boxes.select(1, 0)) * (boxes.select(1, 3) - boxes.select(1, 1));

    /// <summary>Managed boxes to an (N, 4) float tensor on a device.</summary>
    public static Tensor ToTensor(IReadOnlyList<Domain.Box> boxes, Device device)
    {
        var values = boxes.SelectMany(b => new[] { b.X1, b.Y1, b.X2, b.Y2 }).ToArray();
        return tensor(values, [boxes.Count, 4]).to(device);
    }
}
