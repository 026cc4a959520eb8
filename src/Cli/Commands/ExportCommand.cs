using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet export`: a checkpoint as two ONNX graphs (per-frame encoder, window head) for ONNX Runtime, TensorRT and the like.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "OccluNet checkpoint (.safetensors with its metadata).", DefaultValueFactory = _ => StreamingCommandOptions.DefaultModel };
        var output = new Option<string>("--out") { Description = "Folder for encoder.onnx and window_head.onnx (created; existing files are never overwritten).", Required = true };
        var reference = new Option<string?>("--reference") { Description = "Also write TorchSharp's raw scores on these runs beside the graphs (reference.json, reference.bin), for `occlunet bench exported` on the machine the graphs go to: " + DataSourceOptions.DataHelp };
        var sourceOptions = new DataSourceOptions();
        var command = new Command("export", "Writes the model as ONNX (opset 17): encoder.onnx (frame -> P3, P4, P5, once per frame) and window_head.onnx (the window's levels -> boxes, scores). See docs/model.md.")
        {
            model, output, reference,
        };
        sourceOptions.AddTo(command);
        command.SetAction(parse =>
        {
            string given = parse.GetValue(model)!;
            string? path = StreamingCommandOptions.ResolveModel(given);
            if (path is null) return CliErrors.Report($"export: model {given} not found (--model FILE.safetensors)");
            try
            {
                // A --reference that cannot be read is refused before anything is written.
                var source = parse.GetValue(reference) is { } data ? sourceOptions.Parse(parse, data) : null;
                if (source is not null && source.Runs().Count == 0) return CliErrors.Report($"export: --reference {parse.GetValue(reference)} holds no runs");
                if (source is not null) DataSourceOptions.PrintNotes(source);
                var (graphs, encoder, windowHead) = ProgressDisplay.For(parse).Run("export", "steps", progress =>
                {
                    int steps = source is null ? 2 : 3;
                    progress.Report(new WorkProgress(0, steps, "building the graphs"));
                    var built = Checkpoint.ExportOnnx(path);
                    progress.Report(new WorkProgress(1, steps, "writing"));
                    var (encoderPath, headPath) = OccluNetOnnxExporter.WriteTo(built, parse.GetValue(output)!);
                    if (source is not null)
                    {
                        progress.Report(new WorkProgress(2, steps, "reference runs (TorchSharp)"));
                        WriteReference(path, source, parse.GetValue(output)!);
                    }
                    progress.Report(new WorkProgress(steps, steps));
                    return (built, encoderPath, headPath);
                });
                var metadata = Checkpoint.ReadMetadata(path);
                bool mirrored = metadata.DetectionSettings.MirrorAveraged;
                var inputs = OccluNetOnnxExporter.WindowInputs(mirrored, metadata.Temporal.WindowLength);
                Console.WriteLine($"export: {path} ({metadata.Architecture}, YOLOX-{metadata.Scale.Name}, {metadata.InputSize} px, window {metadata.Temporal.Window})");
                Console.WriteLine($"  {encoder}: {graphs.Encoder.Length / 1e6:0.0} MB, input {OccluNetOnnxExporter.FrameInput} [1,1,{metadata.InputSize},{metadata.InputSize}], outputs {string.Join(", ", OccluNetOnnxExporter.EncoderOutputs(mirrored))}{(mirrored ? " (the frame's, then its mirror image's)" : "")}");
                Console.WriteLine($"  {windowHead}: {graphs.WindowHead.Length / 1e6:0.0} MB, inputs {inputs[0]}..{inputs[^1]}, outputs {OccluNetOnnxExporter.BoxesOutput}, {OccluNetOnnxExporter.ScoresOutput} (before the threshold {metadata.DetectionSettings.ScoreThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(mirrored ? ", averaged with the mirror image's" : "")})");
                return 0;
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return CliErrors.Report($"export: {e.Message}");
            }
        });
        return command;
    }

    /// <summary>TorchSharp's raw scores on every run of <paramref name="source"/>, as the live pipeline would ask for them.</summary>
    private static void WriteReference(string path, DataSource source, string folder)
    {
        using var model = EvaluatedModel.Load(path, EngineChoice.TorchCpu);
        var runs = source.Runs().Select(run => (run.Run.RunId, model.Prepare(run).Inputs));
        var recorded = ExportReference.Record(model.Detector, runs);
        recorded.WriteTo(folder);
        Console.WriteLine($"  reference: {recorded.Runs.Count} runs, {recorded.Runs.Sum(r => r.Windows.Count)} windows ({recorded.Engine}) in {ExportReference.JsonFile}, {ExportReference.DataFile}");
    }
}
