namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// The live view (the overlay, or a test). Called from pipeline tasks on their own threads: <see cref="ShowFrame"/> from the
/// source task the moment a frame arrives, <see cref="ShowResult"/> from the trajectory task, <see cref="ShowStatus"/> from
/// whichever task changed the status. Implementations must be thread-safe and must not block (a latest-value hand-off).
/// </summary>
public interface IDisplaySink
{
    void ShowFrame(LiveFrame frame);

    /// <summary>The newest result; null clears the AI panel (a new run started).</summary>
    void ShowResult(LiveResult? result);

    void ShowStatus(PipelineStatus status);

    /// <summary>
    /// A run's analysis is complete (from the trajectory task, after the run's last result). Its run may no longer be the
    /// one shown (the next run may have started): compare run numbers.
    /// </summary>
    void ShowRunEnded(RunEnded ended)
    {
    }
}
