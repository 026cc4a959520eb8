using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// A window replay's console record of the playback: one line when a frame is handed over and one when the keys change
/// the controls, e.g. "playback: frame 3, 0.5x paused". A log shows what the trainer did; a test can follow pause and
/// steps by these lines instead of by the clock.
/// </summary>
internal sealed class PlaybackLog(TextWriter output, ReplayControls initial)
{
    readonly Lock gate = new();
    ReplayControls controls = initial;
    int? frame;

    public void FrameHandedOver(int index)
    {
        lock (gate)
        {
            frame = index;
            Write();
        }
    }

    public void ControlsChanged(ReplayControls next)
    {
        lock (gate)
        {
            if (next == controls) return;
            controls = next;
            Write();
        }
    }

    void Write() => output.WriteLine(frame is int f ? $"playback: frame {f}, {controls}" : $"playback: {controls}");
}
