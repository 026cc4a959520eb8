using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>Options that several commands share, spelled once.</summary>
public static class CommonOptions
{
    /// <summary>Global (every sub-command): no progress display on stderr; results, errors and files are unchanged.</summary>
    public static Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Show no progress (results, errors and written files are unchanged).",
        Recursive = true,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "Where the model runs: auto (CUDA when available), cpu, or cuda.",
        DefaultValueFactory = _ => "auto",
    };
}
