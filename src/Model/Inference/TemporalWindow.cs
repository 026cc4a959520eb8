namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Which frames form the window about a frame, as positions in the sequence of available frames (the authors use
/// neighbouring available frames, not frame-number arithmetic). Centred: t-1, t, t+1; causal: t-2, t-1, t.
/// Past either end of the sequence the nearest frame repeats (edge replication), so the output frame always sees its
/// own features; this differs from the authors' shift-inside rule at the two ends (see docs/model.md).
/// Training and streaming both use this one rule.
/// </summary>
public static class TemporalWindow
{
    /// <summary>Positions (0 .. count-1) of the window whose output frame is at <paramref name="position"/>.</summary>
    public static int[] Positions(int position, int count, TemporalConfig config)
    {
        if (count < 1 || position < 0 || position >= count)
            throw new ArgumentOutOfRangeException(nameof(position), $"position {position} is outside a sequence of {count} frame(s).");
        return Enumerable.Range(0, config.WindowLength)
            .Select(k => Math.Clamp(position + k - config.OutputIndex, 0, count - 1))
            .ToArray();
    }

    /// <summary>How many frames after the output frame the window needs (1 for centred T = 3, 0 for causal).</summary>
    public static int LookAhead(TemporalConfig config) => config.WindowLength - 1 - config.OutputIndex;
}
