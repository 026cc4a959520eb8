using OccluNet.Live.Domain;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>Small configurations that run in milliseconds on one thread (neck width 32, 64 px inputs).</summary>
internal static class TinyModels
{
    public const int InputSize = 64;
    public static readonly YoloxScale Scale = YoloxScale.Custom(0.33, 0.125);

    public static OccluNetConfig Config(TemporalVariant variant, WindowMode mode = WindowMode.Centred, int classes = 1) =>
        new(Scale, classes, variant == TemporalVariant.None
            ? TemporalConfig.SpatialOnly
            : new TemporalConfig(variant, Mode: mode, Layers: 2, SpatialWindow: 4));

    /// <summary>A seeded model whose BatchNorm statistics fit <see cref="Frames"/> (a fresh net's eval BN makes every input look alike).</summary>
    public static OccluNetModel Build(OccluNetConfig config, int seed = 1)
    {
        manual_seed(seed);
        var model = new OccluNetModel(config);
        var frames = Frames(8, seed: 99);
        using var scope = NewDisposeScope();
        int t = config.Temporal.WindowLength, s = InputSize;
        var batch = stack(frames.Select(f => tensor(f, [1, s, s]).expand(3, s, s)), 0).unsqueeze(1).expand(-1, t, -1, -1, -1);
        Training.BatchNormCalibration.Recalibrate(model, [batch.contiguous()]);
        model.eval();
        return model;
    }

    public static DetectorInfo Info(OccluNetConfig config) => new(
        "tiny-test", "", "cpu", InputSize, config.Temporal.WindowLength, config.Temporal.Mode, ClassSet.SingleClass);

    /// <summary>Frames of random smooth structure (a random plane wave per frame) plus noise, values in [0, 1].</summary>
    public static float[][] Frames(int count, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            double fx = 0.05 + 0.4 * random.NextDouble(), fy = 0.05 + 0.4 * random.NextDouble(), phase = 6.3 * random.NextDouble();
            double amplitude = 0.1 + 0.3 * random.NextDouble();
            return Enumerable.Range(0, InputSize * InputSize).Select(i =>
                (float)Math.Clamp(0.5 + amplitude * Math.Sin(fx * (i % InputSize) + fy * (i / InputSize) + phase) + 0.1 * (random.NextDouble() - 0.5), 0, 1)).ToArray();
        }).ToArray();
    }
}
