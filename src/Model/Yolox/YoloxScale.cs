namespace OccluNet.Live.Model.Yolox;

/// <summary>
/// A YOLOX size is two numbers (depth and width multipliers) plus the depthwise switch of nano.
/// Channels scale as int(c * widen), block counts as max(round(n * deepen), 1), as in MMDetection's CSPDarknet.
/// </summary>
public sealed record YoloxScale(string Name, double Deepen, double Widen, bool Depthwise)
{
    public static readonly YoloxScale Nano = new("nano", 0.33, 0.25, true);
    public static readonly YoloxScale Tiny = new("tiny", 0.33, 0.375, false);
    public static readonly YoloxScale S = new("s", 0.33, 0.5, false);
    public static readonly YoloxScale M = new("m", 0.67, 0.75, false);
    public static readonly YoloxScale L = new("l", 1.0, 1.0, false);
    public static readonly YoloxScale X = new("x", 1.33, 1.25, false);

    public static IReadOnlyList<YoloxScale> All { get; } = [Nano, Tiny, S, M, L, X];

    public int Channels(int baseChannels) => (int)(baseChannels * Widen);

    /// <summary>Python's round (half to even), as the reference uses.</summary>
    public int Blocks(int baseBlocks) => Math.Max((int)Math.Round(baseBlocks * Deepen, MidpointRounding.ToEven), 1);

    /// <summary>Neck and head width: int(256 * widen) (128 for S, 64 for nano).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int NeckChannels => Channels(256);

    /// <summary>Backbone outputs C3, C4, C5 that feed the neck.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] NeckInputs => [Channels(256), Channels(512), Channels(1024)];

    public static YoloxScale Parse(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown YOLOX scale '{name}' (nano, tiny, s, m, l, x).");

    /// <summary>A tiny custom scale for tests and small experiments (same blocks, fewer channels).</summary>
    public static YoloxScale Custom(double deepen, double widen, bool depthwise = false) =>
        new($"custom-{deepen}-{widen}{(depthwise ? "-dw" : "")}", deepen, widen, depthwise);
}
