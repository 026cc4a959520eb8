namespace OccluNet.Live.Training;

/// <summary>
/// One finished epoch: mean loss terms over the applied steps, last lr, validation precision/recall (sequence metric),
/// wall time, and the steps skipped because a loss or the gradient was not finite.
/// </summary>
public sealed record EpochRecord(int Epoch, int Iteration, double Loss, double ClassLoss, double BoxLoss, double ObjectLoss, double LearningRate,
    double? Precision, double? Recall, int TruePositives, int FalsePositives, int FalseNegatives, double Seconds, int SkippedSteps = 0);

/// <summary>What <see cref="Trainer"/> reports as it goes (for a progress bar or log lines).</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int IterationInEpoch, int IterationsPerEpoch, Model.Training.StepResult Step, TimeSpan Elapsed, TimeSpan Remaining)
{
    /// <summary>As the progress display shows it: iterations done of the schedule, the epoch, and the step's loss parts, lr and gradient norm.</summary>
    public Domain.WorkProgress ToWorkProgress() => new(Epoch * IterationsPerEpoch + IterationInEpoch + 1, Epochs * IterationsPerEpoch,
        $"epoch {Epoch + 1}/{Epochs} iter {IterationInEpoch + 1}/{IterationsPerEpoch}",
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"loss {Step.Loss:F3} (cls {Step.ClassLoss:F3} box {Step.BoxLoss:F3} obj {Step.ObjectLoss:F3}) pos {Step.Positives} lr {Step.LearningRate:E2} |g| {Step.GradientNorm:F2}"));
}

/// <summary>The resumable state beside the checkpoints (<c>state.json</c>).</summary>
public sealed record TrainingState(int EpochsDone, int Iteration, int EmaSteps, double Seconds, IReadOnlyList<EpochRecord> History);
