using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Benchmarks.Phantom;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench phantom [--repeats N] [--quick] [--json FILE]`.</summary>
internal static class PhantomBenchCommand
{
    public static Command Create()
    {
        var repeats = new Option<int>("--repeats") { Description = "Runs per workload (median reported).", DefaultValueFactory = _ => 8 };
        var quick = new Option<bool>("--quick") { Description = "Skip the 1024x1024 workloads." };
        var json = new Option<string?>("--json") { Description = "Also write the rows as JSON to this file." };
        var command = new Command("phantom", "Phantom generation speed: 256x256x20 (target < 0.2 s on one core) and 1024x1024x20.") { repeats, quick, json };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(repeats);
            if (n < 1) return Task.FromResult(CliErrors.Report($"bench phantom: --repeats must be at least 1 (was {n})"));
            var rows = ProgressDisplay.For(parse).Run("bench phantom", "cases", progress => PhantomBenchmark.Run(n, !parse.GetValue(quick), ct, progress));
            Console.WriteLine(PhantomBenchmark.Table(rows));
            if (parse.GetValue(json) is { } path) PhantomBenchmark.WriteJson(path, rows);
            return Task.FromResult(0);
        });
        return command;
    }
}
