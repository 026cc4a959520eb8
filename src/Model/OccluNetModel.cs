using OccluNet.Live.Model.Temporal;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model;

/// <summary>
/// OccluNet: YOLOX backbone and neck run per frame, a temporal module per pyramid level over the window (shared
/// weights across levels), and the YOLOX head on the output frame. Key prefixes follow the authors' MMDetection
/// detector: <c>backbone</c>, <c>neck</c>, <c>temporal_cfg</c>, <c>bbox_head</c>.
/// </summary>
public sealed class OccluNetModel : nn.Module<Tensor, HeadOutput>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly CspDarknet backbone;
    private readonly YoloxPafpn neck;
    private readonly TemporalModule? temporal_cfg;
    private readonly YoloxHead bbox_head;
#pragma warning restore IDE1006

    public OccluNetModel(OccluNetConfig config) : base(nameof(OccluNetModel))
    {
        config.Temporal.Validate();
        Config = config;
        backbone = new CspDarknet(config.Scale);
        neck = new YoloxPafpn(config.Scale);
        temporal_cfg = TemporalModule.Create(config.Temporal, config.NeckChannels);
        bbox_head = new YoloxHead(config.Scale, config.NumClasses);
        RegisterComponents();
    }

    /// <summary>Prefix of the temporal module's state-dict keys; every other key belongs to backbone, neck or head.</summary>
    public const string TemporalKeys = nameof(temporal_cfg);

    /// <summary>Whether a state-dict key is the temporal module's (those differ between variants; the rest do not).</summary>
    public static bool IsTemporalKey(string key) => key.StartsWith(TemporalKeys + ".", StringComparison.Ordinal);

    public OccluNetConfig Config { get; }
    public CspDarknet Backbone => backbone;
    public YoloxPafpn Neck => neck;
    public TemporalModule? Temporal => temporal_cfg;
    public YoloxHead Head => bbox_head;
    public int WindowLength => Config.Temporal.WindowLength;

    /// <summary>
    /// The lean inference form, for a model that will not be trained again: every conv + BN folded into one conv, and
    /// the temporal module's last layer computing only the output frame. Call after the move to the device.
    /// </summary>
    public void PrepareForInference()
    {
        eval();
        foreach (var conv in modules().OfType<ConvModule>()) conv.FoldBatchNorm();
        if (temporal_cfg is not null) temporal_cfg.OutputFrameOnly = true;
    }

    /// <summary>Backbone + neck on independent frames (N, 3, H, W) -> P3, P4, P5 (N, C, h, w).</summary>
    public Tensor[] Encode(Tensor frames)
    {
        using var scope = NewDisposeScope();
        var stages = backbone.call(frames);
        var levels = neck.call([stages[2], stages[3], stages[4]]);
        foreach (var l in levels) l.MoveToOuterDisposeScope();
        return levels;
    }

    /// <summary>Temporal module and head on a window of encoded frames, each level (B, T, C, h, w).</summary>
    public HeadOutput DetectWindow(Tensor[] windowLevels)
    {
        using var scope = NewDisposeScope();
        var fused = windowLevels.Select(l => temporal_cfg is null ? l.select(1, 0) : temporal_cfg.call(l)).ToArray();
        var output = bbox_head.call(fused);
        foreach (var t in output.ClassLogits.Concat(output.BoxDeltas).Concat(output.ObjectLogits)) t.MoveToOuterDisposeScope();
        return output;
    }

    /// <summary>A batch of windows (B, T, 3, H, W) -> raw head maps of each window's output frame.</summary>
    public override HeadOutput forward(Tensor windows)
    {
        using var scope = NewDisposeScope();
        long b = windows.shape[0], t = windows.shape[1];
        if (t != WindowLength)
            throw new ArgumentException($"the model takes windows of {WindowLength} frame(s), got {t}.");
        var levels = Encode(windows.flatten(0, 1));
        var windowLevels = levels.Select(l => l.reshape(b, t, l.shape[1], l.shape[2], l.shape[3])).ToArray();
        var output = DetectWindow(windowLevels);
        foreach (var x in output.ClassLogits.Concat(output.BoxDeltas).Concat(output.ObjectLogits)) x.MoveToOuterDisposeScope();
        return output;
    }
}
