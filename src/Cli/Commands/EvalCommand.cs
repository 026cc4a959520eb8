using System.CommandLine;
using System.Text.Json;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Phantom.Truth;
using OccluNet.Live.Training;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet eval`: the sequence-level metric (paper's Table 1) of a model, and McNemar's test against a second one.</summary>
internal static class EvalCommand
{
    /// <summary>The shipped default model, looked for under the current folder and the program's folder and their parents.</summary>
    const string DefaultModel = StreamingCommandOptions.DefaultModel;

    /// <summary>Default threshold of the timing-dependent subset: the phantom's own.</summary>
    public const double DefaultTimingThreshold = PhantomGroundTruth.TimingDependentThreshold;

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = $"Checkpoint (.safetensors); default: the shipped {DefaultModel}." };
        var compare = new Option<string[]>("--compare") { Description = "Further checkpoint(s) to evaluate on the same runs; McNemar's test for every pair.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Write tables, per-run verdicts and McNemar results to this JSON file." };
        var timing = new Option<double>("--timing-threshold") { Description = "Timing-dependent subset: runs with MinIP difficulty at or below this.", DefaultValueFactory = _ => DefaultTimingThreshold };
        var minScore = new Option<float>("--min-score") { Description = "Confidence threshold of the metric (paper: 0.01).", DefaultValueFactory = _ => Evaluation.EvaluationOptions.Paper.Trajectories.MinScore };
        var paperThreshold = new Option<bool>("--paper-threshold") { Description = "Keep every detection with score >= 0.01 (the paper) instead of each checkpoint's own operating point." };
        var bridge = new Option<int>("--bridge-gaps") { Description = "Also judge with the live trajectory rule: gaps of up to N frames bridged (0: only --rule's).", DefaultValueFactory = _ => TrajectoryOptions.LiveMaxGap };
        var results = new Option<string?>("--results") { Description = "Write the first model's result on every run as a DICOM GSPS and SR into this folder (needs --data)." };
        var runs = new LabelledRunOptions();
        var command = new Command("eval", "Evaluate model(s) on labelled runs: per-class table (samples, instances, P, R), timing-dependent subset, McNemar.")
        {
            model, compare, json, timing, minScore, paperThreshold, bridge, results,
        };
        runs.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (runs.Check(parse) is { } error) return Task.FromResult(CliErrors.Report(error));
            if (parse.GetValue(bridge) < 0) return Task.FromResult(CliErrors.Report($"eval: --bridge-gaps must be 0 or more, was {parse.GetValue(bridge)}"));
            if (parse.GetValue(results) is not null && parse.GetValue(runs.Data) is null)
                return Task.FromResult(CliErrors.Report("eval: --results needs --data FOLDER (the objects reference the runs' DICOM files)"));
            var paths = new List<string>();
            var models = new List<EvaluatedModel>();
            try
            {
                paths.Add(parse.GetValue(model) ?? FindDefaultModel());
                paths.AddRange(parse.GetValue(compare) ?? []);
                var metric = runs.Metric(parse);
                metric = metric with { Trajectories = metric.Trajectories with { MinScore = parse.GetValue(minScore) } };
                var source = runs.OpenSource(parse); // a broken data set is refused before any model loads
                var device = runs.StartEngine(parse);
                bool paper = parse.GetValue(paperThreshold);
                foreach (var path in paths) models.Add(EvaluatedModel.Load(path, device, paper ? Checkpoint.ReadMetadata(path).PaperThresholdSettings : null));
                var writer = parse.GetValue(results) is { } folder ? new EvalResultObjects(folder, models[0], metric) : null;
                var result = ProgressDisplay.For(parse).Run("eval", "runs", progress =>
                    ModelComparison.Run(models, source.Runs(cancellationToken), metric, parse.GetValue(timing), progress, cancellationToken,
                        parse.GetValue(bridge), writer is null ? null : (run, predictions) => writer.Write(run, predictions[0])));
                Console.WriteLine($"models: {string.Join(", ", models.Select(m => $"{m.Name} = {m.Path} ({m.DetectorRule})"))}");
                Console.WriteLine(result.ToText());
                if (parse.GetValue(json) is { } jsonPath)
                    File.WriteAllText(jsonPath, JsonSerializer.Serialize(result.ToDocument(), DomainJson.Options));
                Console.Error.WriteLine($"peak memory (RSS): {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
                return Task.FromResult(0);
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            finally
            {
                foreach (var m in models) m.Dispose();
            }
        });
        return command;
    }

    static string FindDefaultModel() => StreamingCommandOptions.ResolveModel(DefaultModel)
        ?? throw new FileNotFoundException($"{DefaultModel}: the shipped default model was not found in {Directory.GetCurrentDirectory()} nor above {AppContext.BaseDirectory}; give --model.");
}
