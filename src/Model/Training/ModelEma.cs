using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>
/// MMDetection's ExpMomentumEMA: an averaged copy of the model, buffers included. The first update copies; update s
/// (s ≥ 1) uses m_s = (1 − momentum)·exp(−(1 + s)/gamma) + momentum and θ_ema ← θ_ema + m_s·(θ − θ_ema).
/// Integer buffers (BatchNorm's num_batches_tracked) are copied. Build it outside any dispose scope.
/// </summary>
public sealed class ModelEma : IDisposable
{
    private readonly double momentum;
    private readonly double gamma;

    public ModelEma(OccluNetModel source, double momentum = 0.0002, double gamma = 2000)
    {
        this.momentum = momentum;
        this.gamma = gamma;
        Model = new OccluNetModel(source.Config);
        Model.to(source.parameters().First().device);
        Model.eval();
        foreach (var p in Model.parameters()) p.requires_grad_(false);
    }

    /// <summary>The averaged model (eval mode); validate and save this one.</summary>
    public OccluNetModel Model { get; }
    public int Steps { get; private set; }

    /// <summary>Sets the update counter of a resumed run (the averaged weights are loaded into <see cref="Model"/> separately).</summary>
    public void ResumeAt(int steps) => Steps = steps;

    public double MomentumAt(int step) => (1 - momentum) * Math.Exp(-(1 + step) / gamma) + momentum;

    public void Update(OccluNetModel source)
    {
        var target = Model.state_dict();
        var current = source.state_dict();
        // An explicit Scalar held until the loop ends (an implicit one can be freed by its finalizer mid-call; see KeptScalars).
        using var m = MomentumAt(Steps).ToScalar();
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var (key, t) in target)
            {
                var s = current[key];
                if (Steps == 0 || !t.is_floating_point()) t.copy_(s);
                else t.add_((s - t) * m, KeptScalars.One);
            }
        }
        Steps++;
    }

    public void Dispose() => Model.Dispose();
}
