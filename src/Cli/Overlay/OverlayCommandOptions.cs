using System.CommandLine;
using OccluNet.Live.Overlay;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>What the user chose for the view: window or headless, and the snapshots.</summary>
internal sealed record OverlayChoice(bool Headless, string? SnapshotDirectory, int EveryNth, int Width, int Height)
{
    /// <summary>Headless without snapshots has nothing to show: the overlay is not started (console only).</summary>
    public bool StartsOverlay => !Headless || SnapshotDirectory is not null;

    public OverlayLoopOptions LoopOptions => new()
    {
        Headless = Headless, Width = Width, Height = Height, SnapshotDirectory = SnapshotDirectory, SnapshotEveryNth = EveryNth,
        Render = new OverlayRenderOptions { Fade = Fade },
    };

    /// <summary>
    /// The view calls a result delayed (and starts fading it) when the pipeline would call it stale, not at the overlay's
    /// generic 1 s: with a centred window the newest result is two frame intervals old when a frame arrives (1.33 s at
    /// 1.5 fps, as in replay-data's ph122), and a box that is on time must not fade between frames.
    /// </summary>
    public static ResultFade Fade { get; } = new(PipelineOptions.Live.StaleAfter, PipelineOptions.Live.StaleAfter + TimeSpan.FromSeconds(2));
}

/// <summary>The overlay options that replay and live share: --headless, --snapshots DIR, --snapshot-every N, --size; defaults are <see cref="OverlayLoopOptions"/>'s.</summary>
internal sealed class OverlayCommandOptions
{
    static readonly OverlayLoopOptions Defaults = new();

    public Option<bool> Headless { get; } = new("--headless") { Description = "No window: draw off-screen (EGL). The default when DISPLAY is not set." };
    public Option<string?> Snapshots { get; } = new("--snapshots") { Description = "Write PNGs of the composed view into this new or empty folder." };
    public Option<int> SnapshotEvery { get; } = new("--snapshot-every") { Description = "Snapshot every Nth live frame (1 = every frame).", DefaultValueFactory = _ => Defaults.SnapshotEveryNth };
    public Option<string> Size { get; } = new("--size") { Description = "Initial window (and headless snapshot) size, WIDTHxHEIGHT.", DefaultValueFactory = _ => $"{Defaults.Width}x{Defaults.Height}" };

    public void AddTo(Command command)
    {
        command.Options.Add(Headless);
        command.Options.Add(Snapshots);
        command.Options.Add(SnapshotEvery);
        command.Options.Add(Size);
    }

    /// <summary>"1280x720" as (1280, 720); null when it is not two whole numbers from 160 to 8192.</summary>
    public static (int Width, int Height)? ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int w) && int.TryParse(parts[1], out int h) && w is >= 160 and <= 8192 && h is >= 160 and <= 8192)
            return (w, h);
        return null;
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
        if (ParseSize(parse.GetValue(Size)!) is not { } size)
        {
            error = $"{command}: --size must be WIDTHxHEIGHT (160 to 8192 each), such as 1280x720, not '{parse.GetValue(Size)}'";
            return null;
        }
        bool headless = parse.GetValue(Headless) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));
        string? folder = SnapshotFolder.Prepare(parse.GetValue(Snapshots), headless ? headlessDefaultRoot : null, out string? folderError);
        if (folderError is not null)
        {
            error = $"{command}: {folderError}";
            return null;
        }
        return new OverlayChoice(headless, folder, everyNth, size.Width, size.Height);
    }
}
