using System.Threading.Channels;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>Creates the bounded channel of one edge; items a DropOldest queue throws away are reported to the dropped callback.</summary>
internal static class BoundedQueue
{
    public static Channel<T> Create<T>(QueueOptions options, Action<T>? dropped = null) =>
        Channel.CreateBounded(
            new BoundedChannelOptions(options.Capacity) { FullMode = options.FullMode, SingleReader = true },
            dropped);
}
