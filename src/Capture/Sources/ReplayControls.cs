using System.Globalization;

namespace OccluNet.Live.Capture.Sources;

/// <summary>A step the replay driver must take once (the rest of a command is a new <see cref="ReplayControls"/>).</summary>
public enum ReplayStep
{
    None,
    Forward,
    Back,
    Quit,
}

/// <summary>
/// The trainer's playback settings, changed by keyboard commands: paused, speed (a ladder from 1/4x to 8x) and loop.
/// Immutable: <see cref="Apply"/> gives the new settings and the one-off step for the replay driver. Stepping pauses.
/// <see cref="AsFastAsPossible"/> (<c>--speed max</c>) is above the ladder: '-' comes down to 8x, '+' keeps it.
/// </summary>
public sealed record ReplayControls(bool Paused = false, double Speed = 1.0, bool Loop = false, bool AsFastAsPossible = false)
{
    public static readonly IReadOnlyList<double> Speeds = new[] { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };

    public (ReplayControls Controls, ReplayStep Step) Apply(ReplayCommand command) => command switch
    {
        ReplayCommand.TogglePause => (this with { Paused = !Paused }, ReplayStep.None),
        ReplayCommand.StepForward => (this with { Paused = true }, ReplayStep.Forward),
        ReplayCommand.StepBack => (this with { Paused = true }, ReplayStep.Back),
        ReplayCommand.SpeedUp when AsFastAsPossible => (this, ReplayStep.None),
        ReplayCommand.SlowDown when AsFastAsPossible => (this with { AsFastAsPossible = false, Speed = Speeds[^1] }, ReplayStep.None),
        ReplayCommand.SpeedUp => (this with { Speed = Neighbour(+1) }, ReplayStep.None),
        ReplayCommand.SlowDown => (this with { Speed = Neighbour(-1) }, ReplayStep.None),
        ReplayCommand.ToggleLoop => (this with { Loop = !Loop }, ReplayStep.None),
        ReplayCommand.Quit => (this, ReplayStep.Quit),
        _ => (this, ReplayStep.None),
    };

    double Neighbour(int direction)
    {
        int nearest = 0;
        for (int i = 1; i < Speeds.Count; i++)
            if (Math.Abs(Speeds[i] - Speed) < Math.Abs(Speeds[nearest] - Speed)) nearest = i;
        return Speeds[Math.Clamp(nearest + direction, 0, Speeds.Count - 1)];
    }

    /// <summary>"2x paused loop" for the status strip.</summary>
    public override string ToString()
    {
        string text = AsFastAsPossible ? "max" : Speed.ToString("0.##", CultureInfo.InvariantCulture) + "x";
        if (Paused) text += " paused";
        if (Loop) text += " loop";
        return text;
    }
}
