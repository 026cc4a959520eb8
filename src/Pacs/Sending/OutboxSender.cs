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

    readonly Outbox _outbox;
    readonly Action<string> _log;
    readonly SemaphoreSlim _wake = new(0);
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    string? _lastFailure;
    int _sent;

    public OutboxSender(Outbox outbox, Action<string> log)
    {
        _outbox = outbox;
        _log = log;
        _loop = Task.Run(LoopAsync);
    }

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Something was queued: try now.</summary>
    public void Wake() => _wake.Release();

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
        return _outbox.Pending().Count;
    }

    async Task LoopAsync()
    {
        var wait = FirstRetry;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                DrainResult result = await PassAsync(_stop.Token).ConfigureAwait(false);
                wait = result.Complete || result.Failure is null ? FirstRetry : Next(wait);
                // Wait for new work; while files are waiting, retry after the back-off even without it.
                if (result.Complete) await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);
                else await _wake.WaitAsync(wait, _stop.Token).ConfigureAwait(false);
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
            result = await _outbox.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result = new DrainResult(0, _outbox.Pending().Count, $"the queue {_outbox.Folder} cannot be read or written ({e.Message})");
        }
        Interlocked.Add(ref _sent, result.Sent);
        if (result.Sent > 0) _log($"sent {result.Sent} object(s) to {_outbox.Node}");
        if (result.Failure is { } failure && failure != _lastFailure)
            _log($"{_outbox.Node} not reached ({failure}); {result.Pending} object(s) kept in {_outbox.Folder}, retrying");
        if (result.Failure is null && _lastFailure is not null && result.Sent > 0) _log($"{_outbox.Node} reached again");
        _lastFailure = result.Failure;
        return result;
    }

    static TimeSpan Next(TimeSpan wait) => wait * 2 > LongestRetry ? LongestRetry : wait * 2;

    async Task StopLoopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _wake.Dispose();
    }
}
