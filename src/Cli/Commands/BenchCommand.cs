using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench ...`: speed benchmarks, one subcommand each (each prints a table with its baseline).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Speed benchmarks; each prints a table against a baseline measured in the same run.");
        command.Subcommands.Add(PhantomBenchCommand.Create());
        return command;
    }
}
