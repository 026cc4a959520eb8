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

    /// <summary>The edge's writer: on a DropOldest edge, items <paramref name="mustKeep"/> picks wait for room instead of pushing others out.</summary>
    public static ChannelWriter<T> Writer<T>(Channel<T> channel, QueueOptions options, Func<T, bool> mustKeep) =>
        options.FullMode == BoundedChannelFullMode.DropOldest ? new KeepingWriter<T>(channel, options.Capacity, mustKeep) : channel.Writer;
}
