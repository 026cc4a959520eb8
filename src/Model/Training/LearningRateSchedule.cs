namespace OccluNet.Live.Model.Training;

/// <summary>
/// The authors' per-iteration schedule (MMDetection YOLOX): quadratic warm-up lr·((i+1)/(W·E))² for W epochs; cosine
/// from base to eta_min with T_max = the cosine phase's end epoch (18, not its length 16: the cosine stops near 3.1e-4,
/// the same quirk as upstream); then constant at the last cosine value for the remaining epochs.
/// </summary>
public sealed record LearningRateSchedule(
    int IterationsPerEpoch,
    int Epochs = 20,
    int WarmupEpochs = 2,
    int CosineEndEpoch = 18,
    double BaseLearningRate = 0.01,
    double MinLearningRateRatio = 0.001)
{
    public int TotalIterations => IterationsPerEpoch * Epochs;

    public double At(int iteration)
    {
        if (IterationsPerEpoch < 1) throw new InvalidOperationException("a schedule needs at least one iteration per epoch.");
        int warmup = WarmupEpochs * IterationsPerEpoch;
        if (iteration < warmup)
            return BaseLearningRate * Math.Pow((iteration + 1) / (double)warmup, 2);
        int cosineLength = (CosineEndEpoch - WarmupEpochs) * IterationsPerEpoch;
        int k = Math.Min(iteration - warmup, cosineLength - 1);
        double etaMin = BaseLearningRate * MinLearningRateRatio;
        double tMax = CosineEndEpoch * (double)IterationsPerEpoch;
        return etaMin + (BaseLearningRate - etaMin) * (1 + Math.Cos(Math.PI * k / tMax)) / 2;
    }
}
