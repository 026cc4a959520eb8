using System.CommandLine;
using System.Globalization;
using System.Text;
using OccluNet.Live.Cli.Drill;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet drill`: simulation training. A deck of labelled runs (a folder, or phantom cases made from a seed), the
/// trainee's marks, each case judged by the paper's rule against the truth and beside the AI; a report folder with
/// report.json, report.md and one reveal PNG per case. Scripted (headless, marks from a CSV) for now.
/// </summary>
public static class DrillCommand
{
    public static Command Create()
    {
        var deck = new Option<string?>("--deck") { Description = "The cases: phantom:SEED:COUNT[:SIZE] (generated, the same for every trainee), a folder of DICOM runs with ground truth (dicom:DIR), or coco:PATH.json." };
        var frames = new Option<int?>("--frames") { Description = "Phantom decks: frames per case (3..200); default drawn per case." };
        var fps = new Option<double?>("--fps") { Description = "Phantom decks: frames per second (0.5..30); default drawn per case." };
        var marks = new Option<string?>("--marks") { Description = $"The trainee's marks, CSV '{DrillMarks.Header}' (x = {DrillMarks.None}: no occlusion; the last mark of a case counts)." };
        var headless = new Option<bool>("--headless") { Description = "Scripted session: no window, marks from --marks." };
        var report = new Option<string?>("--report") { Description = "New or empty folder for report.json, report.md and the reveal PNGs." };
        var trainee = new Option<string?>("--trainee") { Description = "The trainee's name, stored in the report only when given." };
        var model = new Option<string>("--model") { Description = "The AI's checkpoint; default: the shipped model.", DefaultValueFactory = _ => StreamingCommandOptions.DefaultModel };
        var bridge = new Option<int>("--bridge-gaps") { Description = "Trajectory rule of both sides: gaps of up to N frames bridged (the live view's 2; 0: the paper's).", DefaultValueFactory = _ => TrajectoryOptions.LiveMaxGap };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
        var device = CommonOptions.Device();
        var engine = CommonOptions.Engine();
        var command = new Command("drill", "Simulation training: trainees mark the occlusion with the AI hidden; scored against the truth and the AI.")
        {
            deck, frames, fps, marks, headless, report, trainee, model, bridge, threads, device, engine,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(deck) is not { } deckText) return Task.FromResult(CliErrors.Report("drill: give the cases with --deck phantom:SEED:COUNT or --deck DIR"));
            if (parse.GetValue(report) is not { } reportPath) return Task.FromResult(CliErrors.Report("drill: give a new or empty folder for the report with --report DIR"));
            if (!parse.GetValue(headless) || parse.GetValue(marks) is not { } marksPath)
                return Task.FromResult(CliErrors.Report("drill: only the scripted session exists so far: give --headless --marks FILE.csv"));
            if (parse.GetValue(bridge) < 0) return Task.FromResult(CliErrors.Report($"drill: --bridge-gaps must be 0 or more, was {parse.GetValue(bridge)}"));
            if (parse.GetValue(threads) < 1) return Task.FromResult(CliErrors.Report("drill: --threads must be at least 1"));
            if (StreamingCommandOptions.ResolveModel(parse.GetValue(model)!) is not { } modelPath)
                return Task.FromResult(CliErrors.Report($"drill: model {parse.GetValue(model)} not found (--model FILE.safetensors)"));
            EvaluatedModel? loaded = null;
            try
            {
                var trainingMarks = DrillMarks.Load(marksPath);
                var source = OpenDeck(deckText, parse.GetValue(frames), parse.GetValue(fps));
                // The deck's truth (for a phantom deck: the runs, generated once) before anything is written.
                var entries = source.Entries(cancellationToken).ToList();
                var duplicate = entries.GroupBy(e => e.Run.RunId).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null) throw new InvalidDataException($"deck {deckText}: case '{duplicate.Key}' appears twice");
                trainingMarks.CheckAgainst(entries.ToDictionary(e => e.Run.RunId, e => (e.Run.Truth.Width, e.Run.Truth.Height)));
                var folder = OutputFolder.Claim(reportPath, OutputKind.DrillReport);
                var choice = CommonOptions.ChooseEngine(parse, device, engine, parse.GetValue(threads));
                Console.Error.WriteLine($"engine: {choice.Describe(parse.GetValue(threads))}");
                loaded = EvaluatedModel.Load(modelPath, choice);
                var metric = EvaluationOptions.Paper with { Trajectories = TrajectoryOptions.Paper with { MaxGap = parse.GetValue(bridge) } };
                var session = new DrillSession(loaded, metric, trainingMarks, folder, Console.Out);
                var cases = session.Run(entries, cancellationToken);
                string rule = string.Create(CultureInfo.InvariantCulture,
                    $"paper (centre within {metric.MatchRadius} px at {metric.ModelInputSize} of the truth in a visible frame), trajectories bridging gaps of up to {metric.Trajectories.MaxGap} frames");
                var result = new DrillReport(deckText, marksPath, $"{loaded.Name} = {loaded.Path} (detector threshold {loaded.ScoreThreshold.ToString(CultureInfo.InvariantCulture)})",
                    rule, parse.GetValue(trainee), cases);
                Write(folder, DrillReport.JsonName, result.ToJson());
                Write(folder, DrillReport.MarkdownName, result.ToMarkdown());
                Console.WriteLine($"report: {Path.Combine(folder.Path, DrillReport.JsonName)}, {DrillReport.MarkdownName} and {cases.Count(c => c.Snapshot is not null)} reveal PNGs");
                if (session.RevealProblem is { } problem)
                {
                    Console.Error.WriteLine($"occlunet: drill: {problem}");
                    return Task.FromResult(ExitCodes.Incomplete);
                }
                return Task.FromResult(ExitCodes.Success);
            }
            catch (OperationCanceledException)
            {
                return Task.FromResult(ExitCodes.Interrupted);
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            finally
            {
                loaded?.Dispose();
            }
        });
        return command;
    }

    static DataSource OpenDeck(string text, int? frames, double? fps)
    {
        var source = DataSource.Parse(text);
        if (source is PhantomSplit phantom) return phantom with { Frames = frames, Fps = fps };
        if (frames is not null || fps is not null) throw new ArgumentException($"drill: --frames and --fps apply to phantom decks only, not to {text}");
        return source;
    }

    static void Write(OutputFolder folder, string name, string text)
    {
        using var stream = folder.CreateNew(name);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
