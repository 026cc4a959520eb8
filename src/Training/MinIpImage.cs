namespace OccluNet.Live.Training;

/// <summary>
/// The minimum-intensity projection of a run: per pixel, the lowest stored value over all frames (contrast is dark, so
/// the MinIP shows every vessel that filled at any time, without the timing). The MinIP baseline sees only this image.
/// </summary>
internal static class MinIpImage
{
    public static ushort[] Build(IReadOnlyList<ushort[]> frames)
    {
        if (frames.Count == 0) throw new ArgumentException("a MinIP needs at least one frame.");
        int length = frames[0].Length;
        var min = (ushort[])frames[0].Clone();
        for (int f = 1; f < frames.Count; f++)
        {
            var frame = frames[f];
            if (frame.Length != length) throw new ArgumentException($"frame {f} has {frame.Length} pixels, frame 0 has {length}.");
            for (int i = 0; i < length; i++)
                if (frame[i] < min[i]) min[i] = frame[i];
        }
        return min;
    }
}
