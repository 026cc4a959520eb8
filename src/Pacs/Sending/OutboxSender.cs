namespace OccluNet.Live.Pacs.Sending;

/// <summary>
/// Drains an <see cref="Outbox"/> in the background while a command runs: at once when something is queued, and after a
/// failure again after a back-off (1 s doubling to 30 s). <see cref="FinishAsync"/> gives the node a last chance
/// within a time limit and says what is still waiting. Each outcome is reported once per change (not per retry), so a
/// node that stays down for an hour prints two lines, not a thousand.
/// </summary>
public sealed class OutboxSender : IAsyncDisposable
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    readonly Outbox outbox;
    readonly Action<string> log;
    readonly SemaphoreSlim wake = new(0);
    readonly CancellationTokenSource stop = new();
    readonly Task loop;
    string? lastFailure;
    int sent;

    public OutboxSender(Outbox outbox, Action<string> log)
    {
        this.outbox = outbox;
        this.log = log;
        loop = Task.Run(LoopAsync);
    }

    public int Sent => Volatile.Read(ref sent);

    /// <summary>Something was queued: try now.</summary>
    public void Wake() => wake.Release();

    /// <summary>
    /// Stops the background loop, then keeps trying until the queue is empty or <paramref name="limit"/> has passed.
    /// Returns how many files are still waiting (they stay queued for `occlunet send` or the next run).
    /// </summary>
    public async Task<int> FinishAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        await StopLoopAsync().ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var wait = FirstRetry;
        while (true)
        {
            DrainResult result;
            try
            {
                result = await PassAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (result.Complete) return 0;
            try
            {
                await Task.Delay(wait, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            wait = Next(wait);
        }
        return outbox.Pending().Count;
    }

    async Task LoopAsync()
    {
        var wait = FirstRetry;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                DrainResult result = await PassAsync(stop.Token).ConfigureAwait(false);
                wait = result.Complete || result.Failure is null ? FirstRetry : Next(wait);
                // Wait for new work; while files are waiting, retry after the back-off even without it.
                if (result.Complete) await wake.WaitAsync(stop.Token).ConfigureAwait(false);
                else await wake.WaitAsync(wait, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task<DrainResult> PassAsync(CancellationToken cancellationToken)
    {
        DrainResult result;
        try
        {
            result = await outbox.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result = new DrainResult(0, outbox.Pending().Count, $"the queue {outbox.Folder} cannot be read or written ({e.Message})");
        }
        Interlocked.Add(ref sent, result.Sent);
        if (result.Sent > 0) log($"sent {result.Sent} object(s) to {outbox.Node}");
        if (result.Failure is { } failure && failure != lastFailure)
            log($"{outbox.Node} not reached ({failure}); {result.Pending} object(s) kept in {outbox.Folder}, retrying");
        if (result.Failure is null && lastFailure is not null && result.Sent > 0) log($"{outbox.Node} reached again");
        lastFailure = result.Failure;
        return result;
    }

    static TimeSpan Next(TimeSpan wait) => wait * 2 > LongestRetry ? LongestRetry : wait * 2;

    async Task StopLoopAsync()
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        await loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        stop.Dispose();
        wake.Dispose();
    }
}
