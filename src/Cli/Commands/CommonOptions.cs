using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>Options that several commands share, spelled once.</summary>
public static class CommonOptions
{
    public static Option<string> Device() => new("--device")
    {
        Description = "Where the model runs: auto (CUDA when available), cpu, or cuda.",
        DefaultValueFactory = _ => "auto",
    };
}
