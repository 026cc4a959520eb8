namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// The one pacing rule of every replay: the run's own timing at a speed, counted from a start. A plain replay (DICOM
/// files, phantom runs) keeps one pacer for the run, so frame k is handed over at its run time / speed after the run's
/// first hand-over and a slow consumer is caught up, never slowed further. <see cref="ControlledReplaySource"/> starts a
/// new one at each hand-over and each key (pause, step, speed change while running) and carries over what was
/// <see cref="Played"/>.
/// </summary>
public sealed class ReplayPacer
{
    readonly TimeProvider time;
    readonly double speed;
    readonly long start;

    /// <param name="speed">Playback speed (1 = acquisition timing); a pacer exists only for a positive, finite speed.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    /// <param name="start">The timestamp of <paramref name="time"/> the playback counts from; null: now.</param>
    public ReplayPacer(double speed, TimeProvider? time = null, long? start = null)
    {
        if (speed <= 0 || !double.IsFinite(speed)) throw new ArgumentOutOfRangeException(nameof(speed), $"speed must be positive and finite, not {speed}");
        this.speed = speed;
        this.time = time ?? TimeProvider.System;
        this.start = start ?? this.time.GetTimestamp();
    }

    /// <summary>Run time played since the start.</summary>
    public TimeSpan Played => time.GetElapsedTime(start) * speed;

    /// <summary>Wall time until the frame at <paramref name="runTime"/> (counted from the start) is due; zero or less: due now.</summary>
    public TimeSpan Until(TimeSpan runTime) => (runTime - Played) / speed;

    /// <summary>Waits until the frame at <paramref name="runTime"/> (its time in the run) is due.</summary>
    public Task WaitForAsync(TimeSpan runTime, CancellationToken cancellationToken)
    {
        var due = Until(runTime);
        return due > TimeSpan.Zero ? Task.Delay(due, time, cancellationToken) : Task.CompletedTask;
    }
}
