using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// A frame as the pipeline received it: the frame, the ordinal of its run within this pipeline (0, 1, ... at each new
/// series; the run's identity, carried by everything derived from the frame: windows, results, faults, the run's end),
/// and when it arrived (<see cref="PipelineClock"/>, stamped after the source handed it over, so a replay's
/// pacing sleep is not counted).
/// </summary>
public sealed record LiveFrame(Frame Frame, int RunNumber, TimeSpan Arrival)
{
    public int Index => Frame.Index;
    public SeriesInfo Series => Frame.Series;
}
