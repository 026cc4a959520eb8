using System.CommandLine;
using OccluNet.Live.Overlay;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>What the user chose for the view: window or headless, and the snapshots.</summary>
public sealed record OverlayChoice(bool Headless, string? SnapshotDirectory, int EveryNth)
{
    /// <summary>Headless without snapshots has nothing to show: the overlay is not started (console only).</summary>
    public bool StartsOverlay => !Headless || SnapshotDirectory is not null;

    public OverlayLoopOptions LoopOptions => new() { Headless = Headless, SnapshotDirectory = SnapshotDirectory, SnapshotEveryNth = EveryNth };
}

/// <summary>The overlay options that replay and live share: --headless, --snapshots DIR, --snapshot-every N.</summary>
public sealed class OverlayCommandOptions
{
    public Option<bool> Headless { get; } = new("--headless") { Description = "No window: draw off-screen (EGL). The default when DISPLAY is not set." };
    public Option<string?> Snapshots { get; } = new("--snapshots") { Description = "Write PNGs of the composed view into this new or empty folder." };
    public Option<int> SnapshotEvery { get; } = new("--snapshot-every") { Description = "Snapshot every Nth live frame (1 = every frame).", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        command.Options.Add(Headless);
        command.Options.Add(Snapshots);
        command.Options.Add(SnapshotEvery);
    }

    /// <summary>
    /// Window when DISPLAY is set and --headless was not given. Headless with no --snapshots writes into a new
    /// timestamped folder under <paramref name="headlessDefaultRoot"/> (null: no snapshots). Null and a message on a user error.
    /// </summary>
    public OverlayChoice? Choose(ParseResult parse, string command, string? headlessDefaultRoot, out string? error)
    {
        error = null;
        int everyNth = parse.GetValue(SnapshotEvery);
        if (everyNth < 1)
        {
            error = $"{command}: --snapshot-every must be at least 1, was {everyNth}";
            return null;
        }
        bool headless = parse.GetValue(Headless) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));
        string? folder = SnapshotFolder.Prepare(parse.GetValue(Snapshots), headless ? headlessDefaultRoot : null, out string? folderError);
        if (folderError is not null)
        {
            error = $"{command}: {folderError}";
            return null;
        }
        return new OverlayChoice(headless, folder, everyNth);
    }
}
