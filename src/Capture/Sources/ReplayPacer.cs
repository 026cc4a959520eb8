namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// The pacing of a plain replay (DICOM files, phantom runs): frame k is handed over at its run time / speed after the
/// pacer started (the run's first hand-over), so a slow consumer is caught up, never slowed further. The overlay's
/// controlled replay (pause, step, speed changes while running) keeps its own playback clock and reads its inner source
/// unpaced.
/// </summary>
public sealed class ReplayPacer
{
    readonly TimeProvider _time;
    readonly double _speed;
    readonly long _start;

    /// <param name="speed">Playback speed (1 = acquisition timing); a pacer exists only for a positive, finite speed.</param>
    public ReplayPacer(double speed, TimeProvider? time = null)
    {
        if (speed <= 0 || !double.IsFinite(speed)) throw new ArgumentOutOfRangeException(nameof(speed), $"speed must be positive and finite, not {speed}");
        _speed = speed;
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
    }

    /// <summary>Waits until the frame at <paramref name="runTime"/> (its time in the run) is due.</summary>
    public Task WaitForAsync(TimeSpan runTime, CancellationToken cancellationToken)
    {
        var due = runTime / _speed - _time.GetElapsedTime(_start);
        return due > TimeSpan.Zero ? Task.Delay(due, _time, cancellationToken) : Task.CompletedTask;
    }
}
