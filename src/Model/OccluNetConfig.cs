using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Yolox;

namespace OccluNet.Live.Model;

/// <summary>Which temporal module sits between neck and head.</summary>
public enum TemporalVariant
{
    /// <summary>Spatial-only YOLOX on one image (T = 1), e.g. the MinIP baseline.</summary>
    None,
    /// <summary>Temporal transformer per location (the authors' TemporalTransformer).</summary>
    OccluNet1,
    /// <summary>Divided space-time attention: temporal per location, then windowed spatial per frame.</summary>
    OccluNet2,
}

/// <summary>Positional encoding over the frames of a window: sinusoidal (the authors' code) or learned (the paper's text).</summary>
public enum PositionalEncodingKind { Sinusoidal, Learned }

/// <summary>The temporal module's settings; model width equals the neck width (no output projection, as coded).</summary>
public sealed record TemporalConfig(
    TemporalVariant Variant = TemporalVariant.OccluNet1,
    int WindowLength = TemporalConfig.PaperWindowLength,
    WindowMode Mode = WindowMode.Centred,
    PositionalEncodingKind PositionalEncoding = PositionalEncodingKind.Sinusoidal,
    int Heads = 1,
    int Layers = 4,
    int MlpRatio = 2,
    double Dropout = 0.0,
    int SpatialWindow = 8)
{
    /// <summary>The paper's window: 3 frames.</summary>
    public const int PaperWindowLength = 3;

    public static readonly TemporalConfig SpatialOnly = new(TemporalVariant.None, WindowLength: 1);

    /// <summary>The window these settings describe (output index, look-ahead, positions); throws for a window that cannot exist.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TemporalWindow Window => new(WindowLength, Mode);

    public void Validate()
    {
        if (Variant == TemporalVariant.None && WindowLength != 1)
            throw new ArgumentException($"a spatial-only model has a window of 1 frame, not {WindowLength}.");
        _ = Window; // length and mode are checked where the window rule is written (TemporalWindow)
        if (Heads < 1 || Layers < 1 || MlpRatio < 1 || SpatialWindow < 1)
            throw new ArgumentException("heads, layers, MLP ratio and spatial window must all be at least 1.");
    }
}

/// <summary>Everything needed to build an OccluNet model: YOLOX scale, classes, temporal module.</summary>
public sealed record OccluNetConfig(YoloxScale Scale, int NumClasses, TemporalConfig Temporal)
{
    /// <summary>OccluNet1 on YOLOX-S with one class, exactly as the authors coded it.</summary>
    public static OccluNetConfig OccluNet1AsCoded => new(YoloxScale.S, 1, new TemporalConfig());

    public int NeckChannels => Scale.NeckChannels;
}
