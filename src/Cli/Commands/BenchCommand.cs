using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench ...`: benchmark programs, each printing a table against a baseline in the same run and writing JSON.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks: each prints a table beside its baseline and writes JSON.");
        command.Subcommands.Add(DicomBenchCommand.Create());
        command.Subcommands.Add(PhantomBenchCommand.Create());
        command.Subcommands.Add(ModelBenchCommand.Create());
        command.Subcommands.Add(ExportedBenchCommand.Create());
        command.Subcommands.Add(StreamingBenchCommands.Latency());
        command.Subcommands.Add(StreamingBenchCommands.Soak());
        return command;
    }
}
