using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Stored values to the model's square input (normalise, letterbox); the same code path as training and eval.</summary>
internal interface IInputPreparer
{
    int InputSize { get; }

    /// <summary>Fills <paramref name="destination"/> (InputSize x InputSize) and returns the map from model boxes to image pixels.</summary>
    Letterbox Prepare(Frame frame, Span<float> destination);
}
