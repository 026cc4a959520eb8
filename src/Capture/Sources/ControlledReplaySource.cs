using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// The replay driver: a source the trainer controls. It reads an inner source that delivers frames as fast as they
/// decode (no pacing, no loop) and hands them on at the run's own timing (a <see cref="ReplayPacer"/> from each
/// hand-over and each key), so the keys really act on the frame flow: playback runs at
/// <see cref="ReplayControls.Speed"/> (frame k is due (t_k - t_k-1) / speed after frame k-1), stops while paused, → hands the next frame over at once, ← hands the previous one over again (kept in a short
/// history; the pipeline treats the index going back as a new run, so the AI's window fills again from there), L
/// toggles whether the inner source is read again at its end, Q ends the replay. At the end without loop it waits
/// (paused) when <paramref name="holdAtEnd"/>: a window stays open on the last frame until Q, L or ←.
/// With <paramref name="afterEach"/> (e.g. the overlay's <c>WaitForFrameDrawnAsync</c>) each frame waits until it was
/// drawn, so an as-fast-as-possible replay keeps every snapshot; pacing is measured from the hand-over, so the wait
/// does not slow a paced replay.
/// </summary>
public sealed class ControlledReplaySource(
    IFrameSource inner,
    ReplayControls initial,
    ChannelReader<ReplayCommand>? commands = null,
    Func<int, CancellationToken, Task>? afterEach = null,
    Action<ReplayControls>? onControlsChanged = null,
    bool holdAtEnd = false,
    TimeProvider? time = null) : IFrameSource
{
    /// <summary>How many frames of the current run ← can go back over.</summary>
    public const int HistoryLength = 32;

    readonly TimeProvider clock = time ?? TimeProvider.System;
    readonly List<Frame> history = new();
    ChannelReader<ReplayCommand>? keys = commands;
    ReplayControls controls = initial;
    int cursor = -1; // index in history of the frame handed over last

    public string Name => inner.Name;

    /// <summary>The playback settings now (after the keys so far).</summary>
    public ReplayControls Controls => controls;

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        onControlsChanged?.Invoke(controls);
        var pass = inner.ReadAsync(onFault, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            Frame? previous = null;
            long handedOverAt = clock.GetTimestamp();
            while (true)
            {
                Frame? next = cursor + 1 < history.Count ? history[cursor + 1] : await PullAsync(pass).ConfigureAwait(false);
                if (next is null)
                {
                    if (controls.Loop)
                    {
                        await pass.DisposeAsync().ConfigureAwait(false);
                        pass = inner.ReadAsync(onFault, cancellationToken).GetAsyncEnumerator(cancellationToken);
                        if (await PullAsync(pass).ConfigureAwait(false) is null) yield break; // nothing replayable: looping would spin
                        cursor = -1; // PullAsync started the new pass's history
                        continue;
                    }
                    if (!holdAtEnd || keys is null) yield break;
                    var atEnd = await HoldAtEndAsync(cancellationToken).ConfigureAwait(false);
                    if (atEnd == ReplayStep.Quit) yield break;
                    if (atEnd == ReplayStep.Back && cursor > 0) { previous = history[--cursor]; handedOverAt = clock.GetTimestamp(); yield return previous; }
                    continue;
                }
                var step = await WaitUntilDueAsync(Interval(previous, next), handedOverAt, cancellationToken).ConfigureAwait(false);
                if (step == ReplayStep.Quit) yield break;
                Frame frame = step == ReplayStep.Back ? history[--cursor] : history[++cursor];
                previous = frame;
                handedOverAt = clock.GetTimestamp();
                yield return frame;
                if (afterEach is not null) await afterEach(frame.Index, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await pass.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The next frame of the inner source, kept in the history (a new run clears it); null at the end.</summary>
    async Task<Frame?> PullAsync(IAsyncEnumerator<Frame> pass)
    {
        if (!await pass.MoveNextAsync().ConfigureAwait(false)) return null;
        var frame = pass.Current;
        if (history.Count > 0 && (frame.Index <= history[^1].Index || frame.Series.SeriesInstanceUid != history[^1].Series.SeriesInstanceUid))
        {
            history.Clear();
            cursor = -1;
        }
        history.Add(frame);
        if (history.Count > HistoryLength)
        {
            history.RemoveAt(0);
            cursor--;
        }
        return frame;
    }

    /// <summary>Run time between two frames of one run; a frame that starts a run is due at its own time.</summary>
    static TimeSpan Interval(Frame? previous, Frame next) =>
        previous is not null && previous.Series.SeriesInstanceUid == next.Series.SeriesInstanceUid && previous.Index < next.Index
            ? next.Time - previous.Time
            : next.Time;

    /// <summary>
    /// Waits until <paramref name="runTime"/> of playback has passed since <paramref name="since"/> (at the current speed,
    /// stopped while paused), acting on keys meanwhile. Returns Forward/None when the next frame is due, Back or Quit.
    /// </summary>
    async Task<ReplayStep> WaitUntilDueAsync(TimeSpan runTime, long since, CancellationToken cancellationToken)
    {
        var owed = controls.AsFastAsPossible ? TimeSpan.Zero : runTime;
        while (true)
        {
            // The run's timing at the current speed since the last hand-over or key: the replays' one pacing rule.
            ReplayPacer? pacer = controls.Paused || controls.AsFastAsPossible ? null : new ReplayPacer(controls.Speed, clock, since);
            TimeSpan? wait = controls.Paused ? null : pacer?.Until(owed) ?? TimeSpan.Zero;
            if (wait is { } w && w <= TimeSpan.Zero && !HasKey()) return ReplayStep.None;
            var command = await NextKeyAsync(wait, cancellationToken).ConfigureAwait(false);
            if (command is null) continue; // time is up (checked above) or the keys ended
            if (pacer is not null) owed -= pacer.Played; // time played at the old speed
            since = clock.GetTimestamp();
            var step = Apply(command.Value);
            if (step == ReplayStep.Back && cursor <= 0) continue; // nothing before the first frame kept
            if (step is ReplayStep.Forward or ReplayStep.Back or ReplayStep.Quit) return step;
        }
    }

    async Task<ReplayStep> HoldAtEndAsync(CancellationToken cancellationToken)
    {
        if (!controls.Paused) { controls = controls with { Paused = true }; onControlsChanged?.Invoke(controls); }
        while (true)
        {
            var command = await NextKeyAsync(null, cancellationToken).ConfigureAwait(false);
            if (command is null) return ReplayStep.Quit; // the overlay ended: nobody can ask for more
            var step = Apply(command.Value);
            if (step is ReplayStep.Quit or ReplayStep.Back) return step;
            if (controls.Loop) { controls = controls with { Paused = false }; onControlsChanged?.Invoke(controls); return ReplayStep.None; }
        }
    }

    ReplayStep Apply(ReplayCommand command)
    {
        var (next, step) = controls.Apply(command);
        if (next != controls) onControlsChanged?.Invoke(next);
        controls = next;
        return step;
    }

    bool HasKey() => keys is not null && keys.TryPeek(out _);

    /// <summary>The next key, or null when <paramref name="timeout"/> passed first (null timeout: wait for a key) or the keys ended.</summary>
    async Task<ReplayCommand?> NextKeyAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (keys is null)
        {
            if (timeout is { } t && t > TimeSpan.Zero) await Task.Delay(t, clock, cancellationToken).ConfigureAwait(false);
            else if (timeout is null) { controls = controls with { Paused = false }; } // nobody can unpause
            return null;
        }
        if (keys.TryRead(out var ready)) return ready;
        if (timeout is { } zero && zero <= TimeSpan.Zero) return null;
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keyArrives = keys.WaitToReadAsync(waitEnds.Token).AsTask();
        var timeUp = Task.Delay(timeout ?? Timeout.InfiniteTimeSpan, clock, waitEnds.Token);
        var first = await Task.WhenAny(keyArrives, timeUp).ConfigureAwait(false);
        waitEnds.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        if (first == keyArrives && !keyArrives.IsCanceled && !await keyArrives.ConfigureAwait(false))
        {
            keys = null; // the overlay ended; play on
            if (controls.Paused) controls = controls with { Paused = false };
            return null;
        }
        return keys.TryRead(out var key) ? key : null;
    }
}
