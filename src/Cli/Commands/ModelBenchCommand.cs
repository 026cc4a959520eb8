using System.CommandLine;
using OccluNet.Live.Benchmarks.Model;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench model`: conv floor, YOLOX-S/nano ms per frame, streaming step vs recompute, TorchSharp vs ONNX Runtime.</summary>
public static class ModelBenchCommand
{
    public static Command Create()
    {
        var device = CommonOptions.Device();
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for TorchSharp and ONNX Runtime alike.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed runs per case (median; after 2 warm-up runs).", DefaultValueFactory = _ => 5 };
        var onnx = new Option<string>("--onnx") { Description = "Megvii's YOLOX-nano ONNX export.", DefaultValueFactory = _ => Path.Combine("tests", "data", "yolox-reference", "yolox_nano.onnx") };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-model.json" };
        var command = new Command("model", "Model speed: conv floor, YOLOX-S 640/512 and nano 416, streaming step vs recompute, TorchSharp vs ONNX Runtime.")
        {
            device, threads, repetitions, onnx, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) < 1) return CliErrors.Report("bench model: --threads must be at least 1");
            if (parse.GetValue(repetitions) < 1) return CliErrors.Report("bench model: --repetitions must be at least 1");
            TorchSharp.torch.Device chosen;
            try { chosen = TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(device)!)); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return CliErrors.Report($"bench model: {e.Message}"); }
            var settings = new ModelBenchSettings(chosen, parse.GetValue(threads), parse.GetValue(repetitions), parse.GetValue(onnx)!);
            try
            {
                var rows = ModelBenchmark.Run(settings, Console.Out);
                ModelBenchmark.WriteJson(rows, settings, parse.GetValue(json)!);
                return 0;
            }
            catch (InvalidDataException e)
            {
                return CliErrors.Report($"bench model: {e.Message}");
            }
        });
        return command;
    }
}
