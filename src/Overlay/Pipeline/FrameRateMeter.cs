namespace OccluNet.Live.Overlay.Pipeline;

/// <summary>Frames per second over the last few arrivals (a sliding window, so a pause shows at once). Not thread-safe.</summary>
internal sealed class FrameRateMeter(int window = 8)
{
    readonly Queue<TimeSpan> arrivals = new();

    public double Add(TimeSpan arrival)
    {
        arrivals.Enqueue(arrival);
        while (arrivals.Count > window) arrivals.Dequeue();
        if (arrivals.Count < 2) return 0;
        double seconds = (arrival - arrivals.Peek()).TotalSeconds;
        return seconds > 0 ? (arrivals.Count - 1) / seconds : 0;
    }

    public void Clear() => arrivals.Clear();
}
