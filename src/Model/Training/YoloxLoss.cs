using TorchSharp;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>The three loss terms (already divided by the number of positives) and their sum.</summary>
internal sealed record LossTerms(Tensor Total, Tensor Classification, Tensor Box, Tensor Objectness, int Positives);

/// <summary>
/// The OccluNet YOLOX loss: objectness BCE over all priors (target 1 on positives), class BCE on positives with soft
/// target one-hot × IoU, DIoU on decoded positive boxes × 2; all divided by max(positives in the batch, 1); no L1.
/// Windows without boxes contribute objectness target 0 everywhere.
/// </summary>
internal sealed class YoloxLoss(SimOtaAssigner? assigner = null, double boxWeight = 2.0)
{
    private readonly SimOtaAssigner assigner = assigner ?? new SimOtaAssigner();

    public LossTerms Compute(HeadOutput output, IReadOnlyList<WindowTargets> targets)
    {
        using var scope = NewDisposeScope();
        var flat = output.Flatten(sigmoid: false);
        long batch = flat.shape[0], classes = flat.shape[2] - 5;
        if (targets.Count != batch) throw new ArgumentException($"{targets.Count} targets for a batch of {batch} windows.");
        var priors = YoloxDecoder.Priors(output);
        var deltas = flat.slice(2, 0, 4, 1);
        var objLogits = flat.select(2, 4);
        var clsLogits = flat.slice(2, 5, flat.shape[2], 1);
        var boxes = YoloxDecoder.DecodeBoxes(deltas, priors);
        Tensor scores;
        using (no_grad()) scores = (clsLogits.sigmoid() * objLogits.sigmoid().unsqueeze(2)).detach();

        var objTarget = zeros_like(objLogits);
        var posBoxes = new List<Tensor>();
        var posCls = new List<Tensor>();
        var boxTargets = new List<Tensor>();
        var clsTargets = new List<Tensor>();
        int positives = 0;
        for (int b = 0; b < batch; b++)
        {
            if (targets[b].Boxes.Count == 0) continue;
            var gtBoxes = BoxOps.ToTensor(targets[b].Boxes, flat.device);
            var gtLabels = tensor(targets[b].Labels.Select(l => (long)l).ToArray()).to(flat.device);
            var a = assigner.Assign(scores[b], boxes[b].detach(), priors, gtBoxes, gtLabels);
            int p = (int)a.PositiveIndices.shape[0];
            if (p == 0) continue;
            positives += p;
            objTarget[b].index_fill_(0, a.PositiveIndices, KeptScalars.One);
            posBoxes.Add(boxes[b].index_select(0, a.PositiveIndices));
            posCls.Add(clsLogits[b].index_select(0, a.PositiveIndices));
            boxTargets.Add(gtBoxes.index_select(0, a.GtIndices));
            var onehot = nn.functional.one_hot(gtLabels.index_select(0, a.GtIndices), classes).to(ScalarType.Float32);
            clsTargets.Add(onehot * a.MatchedIous.unsqueeze(1));
        }

        // Explicit Scalars held to the end (implicit ones can be freed by their finalizer mid-call; see KeptScalars).
        using Scalar norm = Math.Max(positives, 1), boxScale = boxWeight, zero = 0;
        var lossObj = nn.functional.binary_cross_entropy_with_logits(objLogits, objTarget, reduction: nn.Reduction.Sum) / norm;
        Tensor lossCls, lossBox;
        if (positives > 0)
        {
            lossCls = nn.functional.binary_cross_entropy_with_logits(cat(posCls, 0), cat(clsTargets, 0), reduction: nn.Reduction.Sum) / norm;
            lossBox = BoxOps.DiouLoss(cat(posBoxes, 0), cat(boxTargets, 0)).sum() * boxScale / norm;
        }
        else
        {
            // Keep the graph connected (zero gradient) so every step has the same parameters in it.
            lossCls = clsLogits.sum() * zero;
            lossBox = deltas.sum() * zero;
        }
        var total = lossCls.Plus(lossBox).Plus(lossObj);
        foreach (var t in new[] { total, lossCls, lossBox, lossObj }) t.MoveToOuterDisposeScope();
        return new LossTerms(total, lossCls, lossBox, lossObj, positives);
    }
}
