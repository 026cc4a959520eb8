using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>
/// "Precise BN": re-estimates every BatchNorm's running mean and variance as the plain average over some batches
/// (momentum 1/k for the k-th batch = cumulative average), without touching weights. Useful after importing weights whose statistics do
/// not fit the data, and to give a freshly built model realistic activations in tests.
/// </summary>
public static class BatchNormCalibration
{
    public static void Recalibrate(OccluNetModel model, IEnumerable<Tensor> windowBatches)
    {
        var norms = model.modules().OfType<BatchNorm2d>().ToArray();
        var momenta = norms.Select(n => n.momentum).ToArray();
        bool wasTraining = model.training;
        using (no_grad())
        {
            foreach (var norm in norms) norm.reset_running_stats();
            model.train();
            int k = 0;
            foreach (var batch in windowBatches)
            {
                k++;
                foreach (var norm in norms) norm.momentum = 1.0 / k;
                using var scope = NewDisposeScope();
                model.call(batch);
            }
        }
        for (int i = 0; i < norms.Length; i++) norms[i].momentum = momenta[i];
        model.train(wasTraining);
    }
}
