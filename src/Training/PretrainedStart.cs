using OccluNet.Live.Model;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Training;
using OccluNet.Live.Model.Yolox;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Training;

/// <summary>
/// Starts a model from Megvii's COCO-pretrained YOLOX (backbone, neck, head; as the authors started from COCO YOLOX-S):
/// the 80-class export is imported into an 80-class twin and copied over by name, skipping what does not fit (the
/// class convs, 80 vs 1 outputs) and what the export lacks (the temporal module stays fresh).
/// The export has BatchNorm folded into the convs; training-mode BN would then normalise activations the pretrained
/// weights never saw normalised. <see cref="UnfoldBatchNorm"/> measures each imported BN's input statistics on our data
/// and sets weight = σ, bias = b' + μ, so train and eval mode both reproduce the pretrained function on this data.
/// </summary>
internal static class PretrainedStart
{
    public static IReadOnlyList<string> Load(OccluNetModel model, string onnxPath)
    {
        using var coco = new OccluNetModel(new OccluNetConfig(model.Config.Scale, 80, TemporalConfig.SpatialOnly));
        MegviiOnnxImporter.Load(coco, onnxPath);
        var source = coco.state_dict();
        var skipped = new List<string>();
        using (no_grad())
        {
            foreach (var (key, target) in model.state_dict())
            {
                if (source.TryGetValue(key, out var value) && value.shape.SequenceEqual(target.shape)) target.copy_(value);
                else skipped.Add(key);
            }
        }
        return skipped;
    }

    /// <summary>
    /// Re-expresses every ConvModule of backbone, neck and head so that batch statistics on <paramref name="batches"/>
    /// reproduce the imported function: each output channel's folded weight is scaled to unit norm (BN makes the output
    /// blind to that scale, but the folded weights are tiny and would get huge gradients), then with the measured
    /// statistics μ, σ of the scaled conv and the scale k: BN weight = σ / k, bias = b' + μ / k.
    /// </summary>
    public static void UnfoldBatchNorm(OccluNetModel model, IEnumerable<Tensor> batches)
    {
        var modules = new nn.Module[] { model.Backbone, model.Neck, model.Head }.SelectMany(m => m.modules()).OfType<ConvModule>().ToArray();
        var scales = new Dictionary<ConvModule, Tensor>();
        using (no_grad())
        {
            foreach (var module in modules)
            {
                var weight = module.Conv.weight!;
                using Scalar tiny = 1e-12;
                var norm = weight.flatten(1).norm(1).clamp_min(tiny);
                weight.div_(norm.view(-1, 1, 1, 1));
                scales[module] = norm;
            }
        }
        BatchNormCalibration.Recalibrate(model, batches);
        using (no_grad())
        {
            foreach (var module in modules)
            {
                using var scope = NewDisposeScope();
                var bn = module.Norm;
                var k = scales[module]; // weight was divided by this: k = 1 / norm
                using Scalar eps = ConvModule.BatchNormEps;
                bn.bias!.add_(bn.running_mean! * k, KeptScalars.One);
                bn.weight!.copy_(bn.running_var!.Plus(eps).sqrt() * k);
                k.Dispose();
            }
        }
    }
}
