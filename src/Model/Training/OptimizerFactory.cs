using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>SGD settings as the authors' configs: lr 0.01, Nesterov momentum 0.9, weight decay 5e-4 on conv and linear weights only.</summary>
public sealed record SgdSettings(double LearningRate = 0.01, double Momentum = 0.9, double WeightDecay = 5e-4, bool Nesterov = true);

/// <summary>
/// SGD's two parameter groups: conv and linear weights (decayed) and everything else (biases, BatchNorm and LayerNorm
/// weights, learned position tables: no decay, like MMDetection's norm/bias_decay_mult = 0). Training steps with
/// <see cref="NesterovSgd"/>; TorchSharp's own <c>optim.SGD</c> over the same groups (<see cref="Create"/>) only reads
/// the optimizer files written before it and is the reference the tests compare that step with.
/// </summary>
internal static class OptimizerFactory
{
    public static (Parameter[] Decayed, Parameter[] NotDecayed) Split(nn.Module model)
    {
        var decayed = model.modules()
            .Select(m => m switch { Conv2d c => c.weight, Linear l => l.weight, _ => null })
            .OfType<Parameter>()
            .ToArray();
        var handles = decayed.Select(p => p.Handle).ToHashSet();
        var notDecayed = model.parameters().Where(p => !handles.Contains(p.Handle)).ToArray();
        return (decayed, notDecayed);
    }

    /// <summary>TorchSharp's SGD over the two groups; build it after the model has its final device and weights (its state is keyed by parameter handle).</summary>
    public static SGD Create(nn.Module model, SgdSettings settings)
    {
        var (decayed, notDecayed) = Split(model);
        var groups = new[]
        {
            new SGD.ParamGroup(decayed, new SGD.Options { weight_decay = settings.WeightDecay }),
            new SGD.ParamGroup(notDecayed, new SGD.Options { weight_decay = 0 }),
        };
        return optim.SGD(groups, settings.LearningRate, settings.Momentum, nesterov: settings.Nesterov);
    }

}
