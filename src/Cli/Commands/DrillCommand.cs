using System.CommandLine;
using System.Globalization;
using System.Text;
using OccluNet.Live.Cli.Drill;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Drill;
using OccluNet.Live.Overlay.Snapshots;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet drill`: simulation training. A deck of labelled runs (a folder, or phantom cases made from a seed), the
/// trainee's marks, each case judged by the paper's rule against the truth and beside the AI; a report folder with
/// report.json, report.md and one reveal PNG per case. In a window (the AI hidden, clicks, N, Enter) or scripted
/// (headless, the marks from a CSV).
/// </summary>
internal static class DrillCommand
{
    public static Command Create()
    {
        var deck = new Option<string?>("--deck") { Description = "The cases: phantom:SEED:COUNT[:SIZE] (generated, the same for every trainee), a folder of DICOM runs with ground truth (dicom:DIR), or coco:PATH.json." };
        var frames = new Option<int?>("--frames") { Description = "Phantom decks: frames per case (3..200); default drawn per case." };
        var fps = new Option<double?>("--fps") { Description = "Phantom decks: frames per second (0.5..30); default drawn per case." };
        var marks = new Option<string?>("--marks") { Description = $"The trainee's marks, CSV '{DrillMarks.Header}' (x = {DrillMarks.None}: no occlusion; the last mark of a case counts)." };
        var headless = new Option<bool>("--headless") { Description = "Scripted session: no window, marks from --marks (without it: the trainee plays the deck in a window)." };
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
            bool scripted = parse.GetValue(headless);
            if (scripted != (parse.GetValue(marks) is not null))
                return Task.FromResult(CliErrors.Report("drill: a scripted session is --headless --marks FILE.csv; a session in the window takes neither"));
            if (parse.GetValue(bridge) < 0) return Task.FromResult(CliErrors.Report($"drill: --bridge-gaps must be 0 or more, was {parse.GetValue(bridge)}"));
            if (parse.GetValue(threads) < 1) return Task.FromResult(CliErrors.Report("drill: --threads must be at least 1"));
            if (StreamingCommandOptions.ResolveModel(parse.GetValue(model)!) is not { } modelPath)
                return Task.FromResult(CliErrors.Report($"drill: model {parse.GetValue(model)} not found (--model FILE.safetensors)"));
            EvaluatedModel? loaded = null;
            DrillWindow? window = null;
            try
            {
                var scriptedMarks = scripted ? DrillMarks.Load(parse.GetValue(marks)!) : null;
                var source = OpenDeck(deckText, parse.GetValue(frames), parse.GetValue(fps));
                // The deck's truth (for a phantom deck: the runs, generated once) before anything is written.
                var entries = source.Entries(cancellationToken).ToList();
                var duplicate = entries.GroupBy(e => e.Run.RunId).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null) throw new InvalidDataException($"deck {deckText}: case '{duplicate.Key}' appears twice");
                scriptedMarks?.CheckAgainst(entries.ToDictionary(e => e.Run.RunId, e => (e.Run.Truth.Width, e.Run.Truth.Height)));
                if (!scripted) window = OpenWindow();
                var folder = OutputFolder.Claim(reportPath, OutputKind.DrillReport);
                var choice = CommonOptions.ChooseEngine(parse, device, engine, parse.GetValue(threads));
                Console.Error.WriteLine($"engine: {choice.Describe(parse.GetValue(threads))}");
                loaded = EvaluatedModel.Load(modelPath, choice);
                var metric = EvaluationOptions.Paper with { Trajectories = TrajectoryOptions.Paper with { MaxGap = parse.GetValue(bridge) } };
                var session = new DrillSession(loaded, metric, Console.Out);
                string? revealProblem = null;
                var recorded = new List<DrillMark>();
                var cases = window is null
                    ? ProgressDisplay.For(parse).Run("drill", "cases", progress => new DrillSession(loaded, metric, progress.Out).Run(entries,
                        (run, _) => scriptedMarks!.Last.TryGetValue(run.Run.RunId, out var m) ? [m] : [],
                        (result, run) => WriteHeadlessReveal(result, run, session.AiClasses, folder, ref revealProblem), cancellationToken, progress))
                    : session.Run(entries, (run, timing) => Play(window, run, timing, recorded),
                        (result, run) => window.Reveal(result.Name, DrillReveal.Snapshot(result, run, session.AiClasses)) is { } image
                            ? Saved(image, folder, DrillReveal.FileName(result.Name)) : null, cancellationToken);
                string rule = string.Create(CultureInfo.InvariantCulture,
                    $"paper (centre within {metric.MatchRadius} px at {metric.ModelInputSize} of the truth in a visible frame), trajectories bridging gaps of up to {metric.Trajectories.MaxGap} frames");
                string marksName = scriptedMarks?.Path ?? Path.Combine(folder.Path, MarksName);
                var result = new DrillReport(deckText, marksName, $"{loaded.Name} = {loaded.Path} (detector threshold {loaded.ScoreThreshold.ToString(CultureInfo.InvariantCulture)})",
                    rule, parse.GetValue(trainee), cases);
                if (window is not null) Write(folder, MarksName, DrillMarks.ToCsv(recorded));
                Write(folder, DrillReport.JsonName, result.ToJson());
                Write(folder, DrillReport.MarkdownName, result.ToMarkdown());
                Console.WriteLine($"report: {Path.Combine(folder.Path, DrillReport.JsonName)}, {DrillReport.MarkdownName} and {cases.Count(c => c.Snapshot is not null)} reveal PNGs");
                if (cases.Count < entries.Count) revealProblem = $"the window was closed after {cases.Count} of {entries.Count} cases; the report has those";
                if (revealProblem is not null)
                {
                    Console.Error.WriteLine($"occlunet: drill: {revealProblem}");
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
                window?.Dispose();
                loaded?.Dispose();
            }
        });
        return command;
    }

    /// <summary>What a windowed session keeps of the trainee's calls, in the marks-file format (score it again with --headless --marks).</summary>
    const string MarksName = "marks.csv";

    static DrillWindow OpenWindow()
    {
        try
        {
            var window = new DrillWindow(960, 540, Console.Out);
            Console.WriteLine($"view: {window.Description}");
            return window;
        }
        catch (Exception e) when (e is OverlayContextException or DllNotFoundException)
        {
            throw new InvalidOperationException($"drill: no window ({e.Message.ReplaceLineEndings(" ")}); a scripted session runs without one: --headless --marks FILE.csv");
        }
    }

    static IReadOnlyList<DrillMark>? Play(DrillWindow window, RawRun run, DrillTiming timing, List<DrillMark> recorded)
    {
        var frames = Enumerable.Range(0, run.Frames.Count).Select(i => DrillReveal.Frame(run, timing, i)).ToArray();
        Console.WriteLine($"case {run.Run.RunId}: playing");
        var calls = window.Play(run.Run.RunId, frames, $"case {run.Run.RunId}: click the occlusion, N = none, Enter = done");
        if (calls is null) return null;
        var marks = calls.Select((c, i) => new DrillMark(run.Run.RunId, c.TimeS, c.Point, recorded.Count + i + 2)).ToList();
        recorded.AddRange(marks);
        return marks;
    }

    static string? WriteHeadlessReveal(DrillCaseResult result, RawRun run, ClassSet classes, OutputFolder folder, ref string? problem)
    {
        if (problem is not null) return null;
        string name = DrillReveal.FileName(result.Name);
        try
        {
            DrillReveal.WriteHeadless(result, run, classes, folder, name);
            return name;
        }
        catch (Exception e) when (e is OverlayContextException or DllNotFoundException)
        {
            problem = $"reveal snapshots not written: no headless OpenGL ({e.Message.ReplaceLineEndings(" ")})";
            return null;
        }
    }

    static string Saved(RgbaImage image, OutputFolder folder, string name)
    {
        DrillReveal.Save(image, folder, name);
        return name;
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
