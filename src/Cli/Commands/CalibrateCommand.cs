using System.CommandLine;
using System.Globalization;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet calibrate`: chooses a checkpoint's operating point (detector score threshold, and with --min-points the
/// trajectory points a box needs) on labelled runs it was not trained on and writes a copy of the checkpoint that
/// carries it. The input file is never modified.
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
        var maxNegatives = new Option<double?>("--max-negatives-boxed")
        {
            Description = "Only operating points that box at most this share (0-1) of the runs without occlusion.",
        };
        var minPoints = new Option<int[]>("--min-points")
        {
            Description = "Candidate minimum points (linked detections) of a trajectory before the run shows its box, e.g. --min-points 1 2 3 (1: a single detection can box a run; more delay a true box by as many frames).",
            DefaultValueFactory = _ => [1],
            AllowMultipleArgumentsPerToken = true,
        };
        var runs = new LabelledRunOptions();
        var command = new Command("calibrate", "Choose a model's detector score threshold (and trajectory points) on labelled runs (max F1, or a precision floor) and write it into a copy of the checkpoint.")
        {
            model, output, minPrecision, mirror, maxNegatives, minPoints,
        };
        runs.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (runs.Check(parse) is { } error) return Task.FromResult(CliErrors.Report(error));
            string input = parse.GetValue(model)!, target = parse.GetValue(output)!;
            double? floor = parse.GetValue(minPrecision);
            if (floor is double f && !(f > 0 && f <= 1)) return Task.FromResult(CliErrors.Report($"--min-precision must be in (0, 1], not {f}."));
            double? ceiling = parse.GetValue(maxNegatives);
            if (ceiling is double c && !(c >= 0 && c <= 1)) return Task.FromResult(CliErrors.Report($"--max-negatives-boxed must be in [0, 1], not {c}."));
            int[] points = parse.GetValue(minPoints)!.Distinct().Order().ToArray();
            if (points.Length == 0 || points[0] < 1) return Task.FromResult(CliErrors.Report("--min-points takes whole numbers of at least 1."));
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
                var sweep = OperatingPointSearch.Sweep(predictions, runs.Metric(parse), cancellationToken, points);
                var chosen = OperatingPointSearch.Choose(sweep, floor, ceiling);
                var data = source.ToString();
                Console.WriteLine($"{input} on {predictions.Count} runs ({data}):");
                Console.WriteLine(OperatingPointSearch.ToText(sweep, chosen));
                if (chosen is null)
                    return Task.FromResult(CliErrors.Report(floor is not null || ceiling is not null
                        ? $"{input}: no operating point meets {Limits(floor, ceiling)} with a true positive on these runs; nothing written."
                        : $"{input}: no threshold finds any occlusion on these runs; nothing written."));
                var point = OperatingPointSearch.ToOperatingPoint(chosen, floor, data, mirrored, ceiling);
                Checkpoint.CopyWithOperatingPoint(input, target, point);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"operating point: score >= {point.ScoreThreshold:0.00}{point.Settings.PointsNote} ({point.Criterion}{(mirrored ? ", mirror-averaged" : "")}); written to {target}"));
                return Task.FromResult(0);
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
        });
        return command;
    }

    static string Limits(double? floor, double? ceiling) => string.Join(" and ", new[]
    {
        floor is double p ? string.Create(CultureInfo.InvariantCulture, $"precision {p}") : null,
        ceiling is double q ? string.Create(CultureInfo.InvariantCulture, $"negative runs boxed <= {q}") : null,
    }.OfType<string>());
}
