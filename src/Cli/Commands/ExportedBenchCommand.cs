using System.CommandLine;
using OccluNet.Live.Benchmarks.Model;
using OccluNet.Live.Cli.Progress;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench exported`: exported models where they are deployed (no checkpoint, no libtorch): step time per provider, parity with the reference.</summary>
internal static class ExportedBenchCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Folders written by occlunet export (encoder.onnx, window_head.onnx; reference.json/.bin with export --reference).", Arity = ArgumentArity.OneOrMore };
        var device = new Option<string[]>("--device") { Description = "ONNX Runtime providers, each measured in the same run: cpu, cuda (float32), cuda-tf32 (CUDA with TF32 convolutions); cuda needs a -p:OnnxBackend=cuda build.", DefaultValueFactory = _ => ["cpu"], AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int[]>("--threads") { Description = "Intra-op thread counts for the CPU provider (CUDA runs once).", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed streaming steps per row (median and p99).", DefaultValueFactory = _ => 20 };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-exported.json" };
        var command = new Command("exported", "Exported ONNX models on ONNX Runtime's CPU or CUDA provider: open + first step, streaming step beside bare ONNX Runtime, parity with TorchSharp's reference.")
        {
            folders, device, threads, repetitions, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) is not { Length: > 0 } counts || counts.Any(t => t < 1)) return CliErrors.Report("bench exported: --threads must be at least 1");
            if (parse.GetValue(repetitions) < 1) return CliErrors.Report("bench exported: --repetitions must be at least 1");
            var providers = new List<OnnxProvider>();
            foreach (var text in parse.GetValue(device)!)
            {
                if (ExportedBenchmark.ParseProvider(text) is not { } provider) return CliErrors.Report($"bench exported: --device must be cpu, cuda or cuda-tf32, not '{text}'");
                providers.Add(provider);
            }
            try
            {
                IReadOnlyList<ExportedBenchRow> rows = ProgressDisplay.For(parse).Run("bench exported", "rows", progress =>
                    ExportedBenchmark.Run(parse.GetValue(folders)!, providers, counts, parse.GetValue(repetitions), progress.Out, progress));
                ExportedBenchmark.WriteJson(rows, parse.GetValue(json)!);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
            {
                return CliErrors.Report($"bench exported: {e.Message}");
            }
        });
        return command;
    }
}
