using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Tests;
using OccluNet.Live.Streaming.Pipeline;
using static TorchSharp.torch;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>The real streaming detector on a seeded tiny OccluNet1 (64 px input), and the matching preprocessing.</summary>
internal static class TinyDetector
{
    public static OccluNetConfig Config(WindowMode mode = WindowMode.Centred) => TinyModels.Config(TemporalVariant.OccluNet1, mode);

    public static StreamingOcclusionDetector Create(WindowMode mode = WindowMode.Centred)
    {
        OccluNetConfig config = Config(mode);
        // A low threshold so that the random-weight model gives boxes on every frame.
        return new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU, new DetectionSettings(ScoreThreshold: 0.0001f, MaxDetections: 5));
    }

    public static ModelInputPreparer Preparer() => new(TinyModels.InputSize);
}
