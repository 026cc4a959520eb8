using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Drill;

/// <summary>When each frame of a case is shown: its acquisition time from the first frame (seconds), as the replay plays it.</summary>
internal sealed record DrillTiming(IReadOnlyList<double> Seconds)
{
    /// <summary>The run's own timing; a source without one (COCO) plays at <see cref="FrameTiming.DefaultFps"/>.</summary>
    public static DrillTiming Of(RawRun run) =>
        new(run.FrameSeconds ?? Enumerable.Range(0, run.Frames.Count).Select(i => i / FrameTiming.DefaultFps).ToArray());

    /// <summary>
    /// The frame on screen at <paramref name="seconds"/>: the last one acquired at or before it (after the run's end
    /// the last frame stays until the case is closed).
    /// </summary>
    public int FrameAt(double seconds)
    {
        int frame = 0;
        while (frame + 1 < Seconds.Count && Seconds[frame + 1] <= seconds) frame++;
        return frame;
    }
}
