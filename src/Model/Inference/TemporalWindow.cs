using OccluNet.Live.Domain;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// The one window rule: which frames form the window about a frame, which of them the head answers for (the output
/// index) and how many frames after it must arrive first (the look-ahead). Training, evaluation, the live pipeline and
/// both engines ask this type, so they cannot disagree.
/// Positions are in the sequence of available frames (the authors use neighbouring available frames, not frame-number
/// arithmetic). Centred: t-1, t, t+1; causal: t-2, t-1, t. Past either end of the sequence the nearest frame repeats
/// (edge replication), so the output frame always sees its own features; this differs from the authors' shift-inside
/// rule at the two ends (see docs/model.md).
/// </summary>
public sealed record TemporalWindow
{
    /// <exception cref="ArgumentException">Length below 1, or a centred window of even length (it has no centre frame).</exception>
    public TemporalWindow(int length, WindowMode mode)
    {
        if (length < 1) throw new ArgumentException($"window length must be at least 1, not {length}.");
        if (mode == WindowMode.Centred && length % 2 == 0)
            throw new ArgumentException($"a centred window has an odd length (a centre frame), not {length}; use {length + 1} or a causal window.");
        Length = length;
        Mode = mode;
    }

    public int Length { get; }

    public WindowMode Mode { get; }

    /// <summary>The window of a loaded detector.</summary>
    public static TemporalWindow Of(DetectorInfo info) => new(info.WindowLength, info.WindowMode);

    /// <summary>The frame of the window whose detections the head produces: the centre, or (causal) the newest.</summary>
    public int OutputIndex => Mode == WindowMode.Causal ? Length - 1 : (Length - 1) / 2;

    /// <summary>How many frames after the output frame the window needs (1 for centred T = 3, 0 for causal).</summary>
    public int LookAhead => Length - 1 - OutputIndex;

    /// <summary>Positions (0 .. count-1) of the window whose output frame is at <paramref name="position"/>.</summary>
    public int[] Positions(int position, int count)
    {
        if (count < 1 || position < 0 || position >= count)
            throw new ArgumentOutOfRangeException(nameof(position), $"position {position} is outside a sequence of {count} frame(s).");
        int outputIndex = OutputIndex;
        return Enumerable.Range(0, Length).Select(k => Math.Clamp(position + k - outputIndex, 0, count - 1)).ToArray();
    }

    /// <summary>As written in checkpoints' descriptions, the audit trail and the CLI: "3 centred".</summary>
    public override string ToString() => $"{Length} {Mode.ToString().ToLowerInvariant()}";
}
