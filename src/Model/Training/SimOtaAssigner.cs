using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>Which priors of one image are positive and for which ground-truth box.</summary>
/// <param name="PositiveIndices">Prior indices (long, P).</param>
/// <param name="GtIndices">Matched ground-truth index per positive (long, P).</param>
/// <param name="MatchedIous">IoU of each positive's prediction with its box (float, P): the class target's soft value.</param>
internal sealed record SimOtaAssignment(Tensor PositiveIndices, Tensor GtIndices, Tensor MatchedIous);

/// <summary>
/// SimOTA (YOLOX): candidates are priors whose cell centre lies strictly inside a box or inside its centre square
/// (box centre ± radius·stride); cost = Σ BCE(√score, one-hot) + 3·(−ln(IoU + 1e-7)) + 1e5 unless inside both;
/// each box takes its dynamic k = max(1, ⌊Σ top-10 IoUs⌋) cheapest candidates; a prior claimed twice keeps its cheapest box.
/// </summary>
internal sealed class SimOtaAssigner(double centerRadius = 2.5, int candidateTopK = 10, double iouWeight = 3.0, double clsWeight = 1.0)
{
    private const double OutsidePenalty = 1e5;

    /// <param name="scores">sigmoid(cls)·sigmoid(obj) per prior and class (N, C), detached.</param>
    /// <param name="boxes">Decoded predictions (N, 4), detached.</param>
    /// <param name="priors">(N, 3) [px, py, stride], grid points without offset.</param>
    /// <param name="gtBoxes">(G, 4); <paramref name="gtLabels"/> (G) long.</param>
    public SimOtaAssignment Assign(Tensor scores, Tensor boxes, Tensor priors, Tensor gtBoxes, Tensor gtLabels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long g = gtBoxes.shape[0];
        // Explicit Scalars held for the whole method (implicit ones can be freed by their finalizer mid-call; see KeptScalars).
        using Scalar radiusScale = centerRadius, tiny = 1e-7, clsScale = clsWeight, iouScale = iouWeight, outside = OutsidePenalty, two = 2;
        var stride = priors.select(1, 2);
        var cx = priors.select(1, 0).Plus(stride * KeptScalars.Half);
        var cy = priors.select(1, 1).Plus(stride * KeptScalars.Half);

        var inBox = Inside(cx, cy, gtBoxes);
        var gtCx = gtBoxes.select(1, 0).Plus(gtBoxes.select(1, 2)) / two;
        var gtCy = gtBoxes.select(1, 1).Plus(gtBoxes.select(1, 3)) / two;
        var radius = (stride * radiusScale).unsqueeze(1);
        var inCentre = ((cx.unsqueeze(1) - gtCx.unsqueeze(0)).abs() < radius) & ((cy.unsqueeze(1) - gtCy.unsqueeze(0)).abs() < radius);
        var candidate = (inBox | inCentre).any(1);
        var candidates = candidate.nonzero().flatten();
        if (candidates.numel() == 0 || g == 0) return Empty(scores.device);

        var candidateBoxes = boxes.index_select(0, candidates);
        // Scores and IoUs of a diverging model can be NaN (or boxes infinite): read as "no score, no overlap" so the
        // cost stays finite and binary_cross_entropy never sees a value outside [0, 1]; the step guard reports the loss.
        var ious = BoxOps.PairwiseIou(candidateBoxes, gtBoxes).nan_to_num(0);
        var iouCost = -ious.Plus(tiny).log();
        var onehot = nn.functional.one_hot(gtLabels, scores.shape[1]).to(ScalarType.Float32).unsqueeze(0);
        var root = scores.index_select(0, candidates).nan_to_num(0, 1, 0).sqrt().unsqueeze(1).expand(-1, g, -1);
        var clsCost = nn.functional.binary_cross_entropy(root, onehot.expand_as(root), reduction: nn.Reduction.None).sum(2);
        var both = (inBox & inCentre).index_select(0, candidates);
        var cost = (clsCost * clsScale).Plus(iouCost * iouScale).Plus((~both).to(ScalarType.Float32) * outside);

        var (matchedGt, matchedMask) = DynamicKMatching(cost, ious);
        var positives = candidates.masked_select(matchedMask);
        var gtIndex = matchedGt.masked_select(matchedMask);
        var matchedIou = ious.gather(1, matchedGt.unsqueeze(1)).squeeze(1).masked_select(matchedMask);
        return Keep(new SimOtaAssignment(positives, gtIndex, matchedIou));
    }

    /// <summary>Per candidate: the box it ends up with (long) and whether it is positive (bool).</summary>
    private (Tensor MatchedGt, Tensor Matched) DynamicKMatching(Tensor cost, Tensor ious)
    {
        long n = cost.shape[0], g = cost.shape[1];
        var matching = zeros_like(cost);
        var topIous = ious.topk((int)Math.Min(candidateTopK, n), dim: 0).values;
        var dynamicKs = topIous.sum(dim: 0).to(ScalarType.Int32).clamp_min(KeptScalars.One).data<int>().ToArray();
        for (int j = 0; j < g; j++)
        {
            var chosen = cost.select(1, j).topk(Math.Min(dynamicKs[j], (int)n), largest: false).indexes;
            matching.select(1, j).index_fill_(0, chosen, KeptScalars.One);
        }
        var claimedTwice = matching.sum(1).gt(KeptScalars.One);
        if (claimedTwice.any().item<bool>())
        {
            var cheapest = cost.argmin(1);
            var rows = claimedTwice.nonzero().flatten();
            matching.index_fill_(0, rows, KeptScalars.Zero);
            matching.index_put_(ones(rows.shape[0]), rows, cheapest.index_select(0, rows));
        }
        return (matching.argmax(1), matching.sum(1).gt(KeptScalars.Zero));
    }

    private static Tensor Inside(Tensor cx, Tensor cy, Tensor gt)
    {
        var x = cx.unsqueeze(1);
        var y = cy.unsqueeze(1);
        return (x > gt.select(1, 0)) & (x < gt.select(1, 2)) & (y > gt.select(1, 1)) & (y < gt.select(1, 3));
    }

    private static SimOtaAssignment Empty(Device device) => Keep(new SimOtaAssignment(
        empty(0, dtype: ScalarType.Int64, device: device), empty(0, dtype: ScalarType.Int64, device: device), empty(0, device: device)));

    private static SimOtaAssignment Keep(SimOtaAssignment a)
    {
        a.PositiveIndices.MoveToOuterDisposeScope();
        a.GtIndices.MoveToOuterDisposeScope();
        a.MatchedIous.MoveToOuterDisposeScope();
        return a;
    }
}
