using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// How many frames a window spans and how many of them come after the frame it is about: centred windows (t-1..t+1)
/// need one frame of look-ahead, causal ones (t-2..t) none. Read from <see cref="DetectorInfo"/>.
/// </summary>
internal readonly record struct WindowGeometry(int Length, int LookAhead)
{
    public static WindowGeometry Of(DetectorInfo info)
    {
        if (info.WindowLength < 1) throw new ArgumentException($"model {info.ModelId}: window length {info.WindowLength} must be at least 1");
        bool causal = string.Equals(info.WindowMode, "causal", StringComparison.OrdinalIgnoreCase);
        return new WindowGeometry(info.WindowLength, causal ? 0 : (info.WindowLength - 1) / 2);
    }
}
