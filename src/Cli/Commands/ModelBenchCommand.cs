using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Benchmarks.Model;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench model`: conv floor, and the streaming step of four models under TorchSharp (as trained, lean), the ONNX engine and bare ONNX Runtime, at 1 and 2 threads.</summary>
internal static class ModelBenchCommand
{
    public static Command Create()
    {
        var device = CommonOptions.Device();
        var threads = new Option<int[]>("--threads") { Description = "Intra-op thread counts for TorchSharp and ONNX Runtime alike, each measured in the same run (e.g. --threads 1 2).", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed streaming steps per case and engine (median and p99); the engines take turns after a warm-up (the report's first line says how).", DefaultValueFactory = _ => 20 };
        var shipped = new Option<string>("--model") { Description = "The shipped checkpoint measured beside the random-weight sizes.", DefaultValueFactory = _ => StreamingCommandOptions.DefaultModel };
        var export = new Option<string?>("--export-graphs") { Description = "Also write each case's two ONNX graphs into a folder of its own under this one (then `occlunet bench exported` times them elsewhere, e.g. on a GPU)." };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-model.json" };
        var command = new Command("model", "Model speed: conv floor; streaming step of the shipped model, nano-416, S-512, S-640 under TorchSharp as trained, TorchSharp lean, the ONNX engine and bare ONNX Runtime.")
        {
            device, threads, repetitions, shipped, json, export,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) is not { Length: > 0 } counts || counts.Any(t => t < 1)) return CliErrors.Report("bench model: --threads must be at least 1");
            if (parse.GetValue(repetitions) < 1) return CliErrors.Report("bench model: --repetitions must be at least 1");
            TorchSharp.torch.Device chosen;
            try { chosen = TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(device)!)); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return CliErrors.Report($"bench model: {e.Message}"); }
            var settings = new ModelBenchSettings(chosen, counts, parse.GetValue(repetitions), StreamingCommandOptions.ResolveModel(parse.GetValue(shipped)!) ?? parse.GetValue(shipped)!, parse.GetValue(export));
            try
            {
                var result = ProgressDisplay.For(parse).Run("bench model", "cases", progress => ModelBenchmark.Run(settings, progress.Out, progress));
                ModelBenchmark.WriteJson(result, settings, parse.GetValue(json)!);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                return CliErrors.Report($"bench model: {e.Message}");
            }
        });
        return command;
    }
}
