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

/// <summary>Which frames a window holds: centred (t-1, t, t+1; the paper) or causal (t-2, t-1, t; live, no look-ahead).</summary>
public enum WindowMode { Centred, Causal }

/// <summary>Positional encoding over the frames of a window: sinusoidal (the authors' code) or learned (the paper's text).</summary>
public enum PositionalEncodingKind { Sinusoidal, Learned }

/// <summary>The temporal module's settings; model width equals the neck width (no output projection, as coded).</summary>
public sealed record TemporalConfig(
    TemporalVariant Variant = TemporalVariant.OccluNet1,
    int WindowLength = 3,
    WindowMode Mode = WindowMode.Centred,
    PositionalEncodingKind PositionalEncoding = PositionalEncodingKind.Sinusoidal,
    int Heads = 1,
    int Layers = 4,
    int MlpRatio = 2,
    double Dropout = 0.0,
    int SpatialWindow = 8)
{
    public static readonly TemporalConfig SpatialOnly = new(TemporalVariant.None, WindowLength: 1);

    /// <summary>The frame of the window whose detections the head produces: the centre, or (causal) the newest.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int OutputIndex => Mode == WindowMode.Causal ? WindowLength - 1 : (WindowLength - 1) / 2;

    public void Validate()
    {
        if (Variant == TemporalVariant.None && WindowLength != 1)
            throw new ArgumentException($"a spatial-only model has a window of 1 frame, not {WindowLength}.");
        if (Variant != TemporalVariant.None && WindowLength < 1)
            throw new ArgumentException($"window length must be at least 1, not {WindowLength}.");
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
