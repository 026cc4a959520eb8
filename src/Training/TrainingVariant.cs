using OccluNet.Live.Model;

namespace OccluNet.Live.Training;

/// <summary>The three models of the paper's comparison.</summary>
public enum TrainingVariant
{
    /// <summary>Temporal transformer per location over a centred 3-frame window.</summary>
    OccluNet1,
    /// <summary>Divided space-time attention over a centred 3-frame window.</summary>
    OccluNet2,
    /// <summary>Spatial-only YOLOX on the run's minimum-intensity projection (one image per run).</summary>
    MinIp,
}

public static class TrainingVariants
{
    public static TrainingVariant Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "occlunet1" => TrainingVariant.OccluNet1,
        "occlunet2" => TrainingVariant.OccluNet2,
        "minip" => TrainingVariant.MinIp,
        _ => throw new ArgumentException($"unknown variant '{text}' (occlunet1, occlunet2, minip)."),
    };

    /// <param name="window">Centred or causal; a spatial-only model has no window to place.</param>
    /// <param name="length">Frames per window of a temporal model.</param>
    public static TemporalConfig Temporal(this TrainingVariant variant, Domain.WindowMode window = Domain.WindowMode.Centred, int length = TemporalConfig.PaperWindowLength) => variant switch
    {
        TrainingVariant.OccluNet1 => new TemporalConfig(TemporalVariant.OccluNet1, length, window),
        TrainingVariant.OccluNet2 => new TemporalConfig(TemporalVariant.OccluNet2, length, window),
        _ => TemporalConfig.SpatialOnly,
    };
}
