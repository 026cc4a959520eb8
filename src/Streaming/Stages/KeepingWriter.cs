using System.Threading.Channels;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// The writer of a DropOldest edge that never drops the items <c>mustKeep</c> picks (the frames of a run that arrived
/// whole): for those it waits until the queue has room. A bounded channel in DropOldest mode cannot wait, so this polls
/// every millisecond; each edge has one writer, so the room it saw is still there when it writes.
/// </summary>
internal sealed class KeepingWriter<T>(Channel<T> channel, int capacity, Func<T, bool> mustKeep) : ChannelWriter<T>
{
    public override bool TryWrite(T item) =>
        (!mustKeep(item) || channel.Reader.Count < capacity) && channel.Writer.TryWrite(item);

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        channel.Writer.WaitToWriteAsync(cancellationToken);

    public override async ValueTask WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        if (mustKeep(item))
            while (channel.Reader.Count >= capacity && !channel.Reader.Completion.IsCompleted)
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        await channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
    }

    public override bool TryComplete(Exception? error = null) => channel.Writer.TryComplete(error);
}
