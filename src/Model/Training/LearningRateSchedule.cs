namespace OccluNet.Live.Model.Training;

/// <summary>
/// The authors' per-iteration schedule (MMDetection YOLOX): quadratic warm-up lr·((i+1)/(W·E))² for W epochs; cosine
/// from base to eta_min with T_max = the cosine phase's end epoch (18, not its length 16: the cosine stops near 3.1e-4,
/// the same quirk as upstream); then constant at the last cosine value for the remaining epochs. Phase bounds are in
/// epochs and may be fractional (<see cref="For"/> scales them to a run's length).
/// </summary>
public sealed record LearningRateSchedule(
    int IterationsPerEpoch,
    int Epochs = LearningRateSchedule.AuthorsEpochs,
    double WarmupEpochs = LearningRateSchedule.AuthorsWarmupEpochs,
    double CosineEndEpoch = LearningRateSchedule.AuthorsCosineEndEpoch,
    double BaseLearningRate = 0.01,
    double MinLearningRateRatio = 0.001)
{
    const int AuthorsEpochs = 20, AuthorsWarmupEpochs = 2, AuthorsCosineEndEpoch = 18;

    public int TotalIterations => IterationsPerEpoch * Epochs;

    /// <summary>The schedule of a run of <paramref name="epochs"/>, laid out as <paramref name="shape"/> says.</summary>
    public static LearningRateSchedule For(ScheduleShape shape, int iterationsPerEpoch, int epochs, double baseLearningRate) => shape switch
    {
        ScheduleShape.Scaled => new(iterationsPerEpoch, epochs, epochs * AuthorsWarmupEpochs / (double)AuthorsEpochs,
            epochs * AuthorsCosineEndEpoch / (double)AuthorsEpochs, baseLearningRate),
        ScheduleShape.AuthorsEpochs => new(iterationsPerEpoch, epochs, BaseLearningRate: baseLearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    public double At(int iteration)
    {
        if (IterationsPerEpoch < 1) throw new InvalidOperationException("a schedule needs at least one iteration per epoch.");
        int warmup = Math.Max(1, (int)Math.Round(WarmupEpochs * IterationsPerEpoch));
        if (iteration < warmup)
            return BaseLearningRate * Math.Pow((iteration + 1) / (double)warmup, 2);
        int cosineLength = Math.Max(1, (int)Math.Round(CosineEndEpoch * IterationsPerEpoch) - warmup);
        int k = Math.Min(iteration - warmup, cosineLength - 1);
        double etaMin = BaseLearningRate * MinLearningRateRatio;
        double tMax = CosineEndEpoch * IterationsPerEpoch;
        return etaMin + (BaseLearningRate - etaMin) * (1 + Math.Cos(Math.PI * k / tMax)) / 2;
    }
}
