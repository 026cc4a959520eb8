using System.Threading.Channels;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// One edge of the graph: a bounded channel's capacity and what happens when it is full
/// (<see cref="BoundedChannelFullMode.Wait"/>: the writer waits, nothing is lost; <see cref="BoundedChannelFullMode.DropOldest"/>:
/// the oldest queued item is dropped and counted). DropNewest and DropWrite are refused: they keep stale items over fresh ones.
/// </summary>
public sealed record QueueOptions(int Capacity, BoundedChannelFullMode FullMode)
{
    public void Validate(string edge)
    {
        if (Capacity < 1) throw new ArgumentOutOfRangeException(nameof(Capacity), $"{edge}: capacity must be at least 1 (was {Capacity})");
        if (FullMode is not (BoundedChannelFullMode.Wait or BoundedChannelFullMode.DropOldest))
            throw new ArgumentOutOfRangeException(nameof(FullMode), $"{edge}: full mode must be Wait or DropOldest (was {FullMode})");
    }

    public override string ToString() => $"{Capacity} ({FullMode})";
}
