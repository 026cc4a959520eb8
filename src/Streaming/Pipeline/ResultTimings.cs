namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// When each step of one result happened (<see cref="PipelineClock"/>). The trigger is the frame that completed the window
/// (for a centred window, the frame after the result's frame); preprocessing and inference start are the trigger's.
/// The display hand-off comes with <see cref="ResultReady"/>.
/// </summary>
public sealed record ResultTimings(
    TimeSpan FrameArrival,
    TimeSpan TriggerArrival,
    TimeSpan PreprocessEnd,
    TimeSpan InferenceStart,
    TimeSpan InferenceEnd,
    TimeSpan TrajectoryUpdate)
{
    public TimeSpan Preprocess => PreprocessEnd - TriggerArrival;
    public TimeSpan QueueWait => InferenceStart - PreprocessEnd;
    public TimeSpan Inference => InferenceEnd - InferenceStart;
    public TimeSpan Trajectory => TrajectoryUpdate - InferenceEnd;
}
