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
    public string ToLine() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"epoch {Epoch + 1}/{Epochs} iter {IterationInEpoch + 1}/{IterationsPerEpoch} loss {Step.Loss:F3} (cls {Step.ClassLoss:F3} box {Step.BoxLoss:F3} obj {Step.ObjectLoss:F3}) pos {Step.Positives} lr {Step.LearningRate:E2} |g| {Step.GradientNorm:F2} elapsed {Elapsed:hh\\:mm\\:ss} eta {Remaining:hh\\:mm\\:ss}");
}

/// <summary>The resumable state beside the checkpoints (<c>state.json</c>).</summary>
public sealed record TrainingState(int EpochsDone, int Iteration, int EmaSteps, double Seconds, IReadOnlyList<EpochRecord> History);
