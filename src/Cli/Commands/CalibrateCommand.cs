using System.CommandLine;
using System.Globalization;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet calibrate`: chooses a checkpoint's operating point (detector score threshold) on labelled runs it was not
/// trained on and writes a copy of the checkpoint that carries it. The input file is never modified.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint to calibrate (.safetensors).", Required = true };
        var output = new Option<string>("--out") { Description = "New checkpoint with the operating point in its metadata (must not exist).", Required = true };
        var minPrecision = new Option<double?>("--min-precision") { Description = "Choose the highest recall whose precision reaches this (0-1) instead of the highest F1." };
        var mirror = new Option<bool>("--mirror-average")
        {
            Description = "Average each frame's scores with its mirror image's (test-time flip; twice the model's work, in either engine and in exported graphs) and write that into the operating point.",
        };
        var runs = new LabelledRunOptions();
        var command = new Command("calibrate", "Choose a model's detector score threshold on labelled runs (max F1, or a precision floor) and write it into a copy of the checkpoint.")
        {
            model, output, minPrecision, mirror,
        };
        runs.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (runs.Check(parse) is { } error) return Task.FromResult(CliErrors.Report(error));
            string input = parse.GetValue(model)!, target = parse.GetValue(output)!;
            double? floor = parse.GetValue(minPrecision);
            if (floor is double f && !(f > 0 && f <= 1)) return Task.FromResult(CliErrors.Report($"--min-precision must be in (0, 1], not {f}."));
            // Checked before the minutes-long detection pass; CopyWithOperatingPoint checks again when it writes.
            if (File.Exists(target) || Directory.Exists(target)) return Task.FromResult(CliErrors.Report($"{target}: exists; calibrate writes a new file and never overwrites one."));
            if (Path.GetFullPath(target) == Path.GetFullPath(input)) return Task.FromResult(CliErrors.Report("--out must differ from --model."));
            try
            {
                var source = runs.OpenSource(parse); // a broken data set is refused before any model loads
                var device = runs.StartEngine(parse);
                IReadOnlyList<Evaluation.RunPrediction> predictions;
                bool mirrored = parse.GetValue(mirror);
                using (var evaluated = EvaluatedModel.Load(input, device, DetectionSettings.Default with { MirrorAveraged = mirrored }))
                    predictions = ProgressDisplay.For(parse).Run("calibrate", "runs", progress =>
                        ModelComparison.Predict([evaluated], source.Runs(cancellationToken), progress, cancellationToken))[0];
                var sweep = OperatingPointSearch.Sweep(predictions, runs.Metric(parse), cancellationToken);
                var chosen = OperatingPointSearch.Choose(sweep, floor);
                var data = source.ToString();
                Console.WriteLine($"{input} on {predictions.Count} runs ({data}):");
                Console.WriteLine(OperatingPointSearch.ToText(sweep, chosen));
                if (chosen is null)
                    return Task.FromResult(CliErrors.Report(floor is double p
                        ? $"{input}: no threshold reaches precision {p.ToString(CultureInfo.InvariantCulture)} with a true positive on these runs; nothing written."
                        : $"{input}: no threshold finds any occlusion on these runs; nothing written."));
                var point = OperatingPointSearch.ToOperatingPoint(chosen, floor, data, mirrored);
                Checkpoint.CopyWithOperatingPoint(input, target, point);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"operating point: score >= {point.ScoreThreshold:0.00} ({point.Criterion}{(mirrored ? ", mirror-averaged" : "")}); written to {target}"));
                return Task.FromResult(0);
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
        });
        return command;
    }
}
