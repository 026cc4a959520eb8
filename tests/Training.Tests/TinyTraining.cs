using OccluNet.Live.Model.Yolox;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Training.Tests;

/// <summary>Tiny settings shared by the tests: 64 px phantom and model, a narrow custom YOLOX, no pretrained weights.</summary>
static class TinyTraining
{
    public const int Size = 64;

    public static TrainingOptions Options(TrainingVariant variant = TrainingVariant.OccluNet1) => new()
    {
        Variant = variant,
        Scale = YoloxScale.Custom(0.33, 0.125),
        InputSize = Size,
        Epochs = 2,
        IterationsPerEpoch = 2,
        // All four steps in the warm-up, as these runs were made stable with on every host; the scaled default would
        // take them to the full rate by the second step.
        Schedule = Model.Training.ScheduleShape.AuthorsEpochs,
        BatchSize = 2,
        Train = new PhantomSplit(10, 2, Size),
        Validation = new PhantomSplit(20, 1, Size),
    };

    /// <summary>A small positive run with the field of view on the terminus, so the clot keeps a few pixels.</summary>
    public static PhantomRun Positive(ulong seed, int frames = 6) =>
        PhantomGenerator.Generate(seed, new PhantomOptions { Size = Size, FieldOfViewMm = 60, Frames = frames, Class = Domain.OcclusionClass.M1 });

    public static PhantomRun Negative(ulong seed, int frames = 5) =>
        PhantomGenerator.Generate(seed, new PhantomOptions { Size = Size, FieldOfViewMm = 60, Frames = frames, ClassMix = new ClassMix(1, 0, 0, 0, 0, 0) });

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "occlunet-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
