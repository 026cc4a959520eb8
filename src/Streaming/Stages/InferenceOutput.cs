using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>What leaves the inference thread: managed records only, never tensors.</summary>
internal abstract record InferenceOutput(LiveFrame Frame);

/// <summary>The window about the prepared frame was detected (the trigger is its newest frame); detections are in model-input pixels.</summary>
internal sealed record WindowDetected(
    PreparedFrame Prepared, PreparedFrame Trigger, FrameDetections Detections, TimeSpan InferenceStart, TimeSpan InferenceEnd)
    : InferenceOutput(Prepared.Frame);

/// <summary>The window about <paramref name="Frame"/> was complete but a newer one was detected instead.</summary>
internal sealed record WindowPassedOver(LiveFrame Frame) : InferenceOutput(Frame);

/// <summary>The model threw while working on <paramref name="Frame"/>'s window; the next window retries.</summary>
internal sealed record InferenceFailed(LiveFrame Frame, string Message, TimeSpan At) : InferenceOutput(Frame);

/// <summary>Every window of <paramref name="Frame"/>'s run has been resolved; <paramref name="Frame"/> is the run's last encoded frame.</summary>
internal sealed record RunCompleted(LiveFrame Frame) : InferenceOutput(Frame);
