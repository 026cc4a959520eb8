namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// A source fed by a signal that can be lost (a video feed with no pictures), which is not the same as a source
/// waiting between runs. The pipeline's status strip reads <see cref="SignalLost"/> ("video signal lost").
/// </summary>
public interface ISignalSource
{
    bool SignalLost { get; }
}
