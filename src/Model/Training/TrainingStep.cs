using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>What one optimisation step did, as managed values.</summary>
public sealed record StepResult(int Iteration, double LearningRate, float Loss, float ClassLoss, float BoxLoss, float ObjectLoss, int Positives, double GradientNorm);

/// <summary>
/// One SGD step on a batch of windows, the authors' way: schedule lr, forward, loss, backward, clip the gradient's
/// L2 norm at 10, step, update the EMA. One dispose scope per step; the epoch loop belongs to the caller.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    private readonly OccluNetModel model;
    private readonly SGD optimizer;
    private readonly YoloxLoss loss = new();
    private readonly LearningRateSchedule? schedule;
    private readonly double maxGradNorm;

    /// <param name="schedule">Null keeps the optimizer's lr constant (e.g. overfitting a batch).</param>
    public TrainingStep(OccluNetModel model, SgdSettings sgd, LearningRateSchedule? schedule, bool useEma = true, double maxGradNorm = 10)
    {
        this.model = model;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        optimizer = OptimizerFactory.Create(model, sgd);
        Ema = useEma ? new ModelEma(model) : null;
    }

    public ModelEma? Ema { get; }
    public int Iteration { get; private set; }

    /// <summary>Optimizer state (momentum buffers) to a file, for resumable training.</summary>
    public void SaveOptimizer(string path) => optimizer.save_state_dict(path);

    /// <summary>Continues a saved run: optimizer state from <paramref name="optimizerPath"/>, the iteration and EMA step counters.</summary>
    public void Resume(string optimizerPath, int iteration, int emaSteps)
    {
        optimizer.load_state_dict(optimizerPath);
        Iteration = iteration;
        Ema?.ResumeAt(emaSteps);
    }

    public StepResult Step(Tensor windows, IReadOnlyList<WindowTargets> targets)
    {
        double lr = schedule?.At(Iteration) ?? optimizer.ParamGroups.First().LearningRate;
        OptimizerFactory.SetLearningRate(optimizer, lr);
        model.train();
        StepResult result;
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            var terms = loss.Compute(model.call(windows), targets);
            terms.Total.backward();
            double norm = nn.utils.clip_grad_norm_(model.parameters(), maxGradNorm);
            optimizer.step();
            result = new StepResult(Iteration, lr, terms.Total.item<float>(), terms.Classification.item<float>(),
                terms.Box.item<float>(), terms.Objectness.item<float>(), terms.Positives, norm);
        }
        Ema?.Update(model);
        Iteration++;
        return result;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        Ema?.Dispose();
    }
}
