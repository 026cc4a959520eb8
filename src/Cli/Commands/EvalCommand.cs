using System.CommandLine;
using System.Text.Json;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Training;
using TorchSharp;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet eval`: the sequence-level metric (paper's Table 1) of a model, and McNemar's test against a second one.</summary>
public static class EvalCommand
{
    /// <summary>The shipped default model, looked for under the current folder and the program's folder and their parents.</summary>
    const string DefaultModel = StreamingCommandOptions.DefaultModel;

    /// <summary>Default threshold of the timing-dependent subset: the phantom's own (MinIP deficit below 0.45).</summary>
    public const double DefaultTimingThreshold = 0.45;

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = $"Checkpoint (.safetensors); default: the shipped {DefaultModel}." };
        var compare = new Option<string[]>("--compare") { Description = "Further checkpoint(s) to evaluate on the same runs; McNemar's test for every pair.", AllowMultipleArgumentsPerToken = true };
        var data = new Option<string?>("--data") { Description = "Folder of runs: <run>.json ground truth (top-level \"truth\") beside <run>.dcm, as `occlunet synth` writes." };
        var phantom = new Option<string?>("--phantom") { Description = "Instead of --data: phantom runs generated in memory, SEED:COUNT[:SIZE]." };
        var json = new Option<string?>("--json") { Description = "Write tables, per-run verdicts and McNemar results to this JSON file." };
        var rule = new Option<string>("--rule") { Description = "paper (centre within 25 px at 640, default) or authors (any overlap, containment linking).", DefaultValueFactory = _ => "paper" };
        var timing = new Option<double>("--timing-threshold") { Description = "Timing-dependent subset: runs with MinIP difficulty at or below this.", DefaultValueFactory = _ => DefaultTimingThreshold };
        var minScore = new Option<float>("--min-score") { Description = "Confidence threshold of the metric (paper: 0.01).", DefaultValueFactory = _ => 0.01f };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
        var device = CommonOptions.Device();
        var command = new Command("eval", "Evaluate model(s) on labelled runs: per-class table (samples, instances, P, R), timing-dependent subset, McNemar.")
        {
            model, compare, data, phantom, json, rule, timing, minScore, threads, device,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, model, compare, data, phantom, json, rule, timing, minScore, threads, device, cancellationToken)));
        return command;
    }

    static int Run(ParseResult parse, Option<string?> model, Option<string[]> compare, Option<string?> data, Option<string?> phantom, Option<string?> json,
        Option<string> rule, Option<double> timing, Option<float> minScore, Option<int> threads, Option<string> device, CancellationToken cancellationToken)
    {
        var folder = parse.GetValue(data);
        var split = parse.GetValue(phantom);
        if ((folder == null) == (split == null)) return CliErrors.Report("give exactly one of --data FOLDER or --phantom SEED:COUNT.");
        if (parse.GetValue(threads) < 1) return CliErrors.Report("--threads must be at least 1.");
        var paths = new List<string>();
        var models = new List<EvaluatedModel>();
        try
        {
            paths.Add(parse.GetValue(model) ?? FindDefaultModel());
            paths.AddRange(parse.GetValue(compare) ?? []);
            var options = parse.GetValue(rule)!.Trim().ToLowerInvariant() switch
            {
                "paper" => EvaluationOptions.Paper,
                "authors" => EvaluationOptions.AuthorsCode,
                var other => throw new ArgumentException($"unknown --rule '{other}' (paper, authors)."),
            };
            options = options with { Trajectories = options.Trajectories with { MinScore = parse.GetValue(minScore) } };
            torch.set_num_threads(parse.GetValue(threads));
            var chosen = TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(device)!));
            foreach (var path in paths) models.Add(EvaluatedModel.Load(path, chosen));
            var runs = folder != null ? RawRun.FromFolder(folder) : RawRun.FromPhantom(PhantomSplit.Parse(split!), 1, cancellationToken);
            var result = ModelComparison.Run(models, runs, options, parse.GetValue(timing),
                (n, run) => { if (n % 20 == 0) Console.Error.WriteLine($"  {n} runs evaluated (last: {run.Run.RunId})"); }, cancellationToken);
            Console.WriteLine($"models: {string.Join(", ", models.Select(m => $"{m.Name} = {m.Path}"))}");
            Console.WriteLine(result.ToText());
            if (parse.GetValue(json) is { } jsonPath)
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(result.ToDocument(), DomainJson.Options));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidDataException or DicomFileException or UnauthorizedAccessException)
        {
            return CliErrors.Report(e.Message);
        }
        finally
        {
            foreach (var m in models) m.Dispose();
        }
    }

    static string FindDefaultModel() => StreamingCommandOptions.ResolveModel(DefaultModel)
        ?? throw new FileNotFoundException($"{DefaultModel}: the shipped default model was not found in {Directory.GetCurrentDirectory()} nor above {AppContext.BaseDirectory}; give --model.");
}
