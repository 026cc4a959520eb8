using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>What one optimisation step did, as managed values.</summary>
/// <param name="Skipped">Why the step left the weights alone (a loss term or the gradient not finite); null when applied.</param>
public sealed record StepResult(int Iteration, double LearningRate, float Loss, float ClassLoss, float BoxLoss, float ObjectLoss, int Positives, double GradientNorm,
    string? Skipped = null)
{
    public bool Applied => Skipped is null;
}

/// <summary>
/// One SGD step on a batch of windows, the authors' way: schedule lr, forward, loss, backward, clip the gradient's
/// L2 norm at 10, step, update the EMA. One dispose scope per step; the epoch loop belongs to the caller.
/// Nothing non-finite reaches the weights: a non-finite loss term skips the step; a non-finite gradient is computed once
/// more from the same graph (libtorch 2.7's oneDNN strided-conv backward has returned NaN in a few input gradients on
/// its very first execution in a process, exact thereafter; see docs/training.md) and skips the step if it stays so.
/// A skipped step still counts as an iteration (the schedule and the data order do not shift); after
/// <see cref="MaxConsecutiveSkips"/> in a row training stops with <see cref="NonFiniteTrainingException"/>.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    private readonly OccluNetModel model;
    private readonly SgdSettings sgd;
    private readonly NesterovSgd optimizer;
    private readonly YoloxLoss loss = new();
    private readonly LearningRateSchedule? schedule;
    private readonly double maxGradNorm;

    /// <param name="schedule">Null keeps the optimizer's lr constant (e.g. overfitting a batch).</param>
    public TrainingStep(OccluNetModel model, SgdSettings sgd, LearningRateSchedule? schedule, bool useEma = true, double maxGradNorm = 10)
    {
        this.model = model;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        this.sgd = sgd;
        optimizer = new NesterovSgd(model, sgd);
        Ema = useEma ? new ModelEma(model) : null;
    }

    public const int MaxConsecutiveSkips = 5;

    public ModelEma? Ema { get; }
    public int Iteration { get; private set; }

    /// <summary>Steps skipped since this object was made (non-finite loss or gradient).</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Non-finite gradients that were finite when computed again (the step was applied).</summary>
    public int RecomputedGradients { get; private set; }

    int consecutiveSkips;

    /// <summary>Optimizer state (momentum buffers) to a file, for resumable training.</summary>
    public void SaveOptimizer(string path) => optimizer.Save(path);

    /// <summary>Continues a saved run: optimizer state from <paramref name="optimizerPath"/>, the iteration and EMA step counters.</summary>
    public void Resume(string optimizerPath, int iteration, int emaSteps)
    {
        optimizer.Load(optimizerPath);
        Iteration = iteration;
        Ema?.ResumeAt(emaSteps);
    }

    public StepResult Step(Tensor windows, IReadOnlyList<WindowTargets> targets)
    {
        double lr = schedule?.At(Iteration) ?? sgd.LearningRate;
        model.train();
        StepResult result;
        using (NewDisposeScope())
        {
            optimizer.ZeroGrad();
            var terms = loss.Compute(model.call(windows), targets);
            result = new StepResult(Iteration, lr, terms.Total.item<float>(), terms.Classification.item<float>(),
                terms.Box.item<float>(), terms.Objectness.item<float>(), terms.Positives, double.NaN);
            string? skipped = NonFiniteTerm(result);
            if (skipped is null)
            {
                // The graph is kept so that a non-finite gradient can be computed once more without a second forward
                // (which would move BatchNorm's running statistics twice).
                terms.Total.backward(retain_graph: true);
                double norm = nn.utils.clip_grad_norm_(model.parameters(), maxGradNorm);
                if (!double.IsFinite(norm))
                {
                    optimizer.ZeroGrad();
                    terms.Total.backward();
                    norm = nn.utils.clip_grad_norm_(model.parameters(), maxGradNorm);
                    if (double.IsFinite(norm)) RecomputedGradients++;
                }
                result = result with { GradientNorm = norm };
                if (double.IsFinite(norm)) optimizer.Step(lr);
                else skipped = $"the gradient norm is {norm} (computed twice)";
            }
            result = result with { Skipped = skipped };
        }
        if (result.Applied)
        {
            Ema?.Update(model);
            consecutiveSkips = 0;
        }
        else
        {
            SkippedSteps++;
            if (++consecutiveSkips >= MaxConsecutiveSkips)
                throw new NonFiniteTrainingException($"training stopped at iteration {Iteration}: {result.Skipped} ({consecutiveSkips} steps in a row skipped as non-finite).");
        }
        Iteration++;
        return result;
    }

    /// <summary>"the box loss is NaN" for the first loss term that is not finite ("total" only when every part is finite); null when all are.</summary>
    static string? NonFiniteTerm(StepResult r) =>
        new[] { ("classification", r.ClassLoss), ("box", r.BoxLoss), ("objectness", r.ObjectLoss), ("total", r.Loss) }
            .Where(t => !float.IsFinite(t.Item2)).Select(t => $"the {t.Item1} loss is {t.Item2}").FirstOrDefault();

    public void Dispose()
    {
        optimizer.Dispose();
        Ema?.Dispose();
    }
}
