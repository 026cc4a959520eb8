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
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Training;
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
        var view = new Option<string?>("--view") { Description = "Phantom decks: every case in this view (ap or lat); default drawn per case." };
        var cls = new Option<string?>("--class") { Description = $"Phantom decks: only cases of these classes (comma list of {PhantomChoices.ClassNames})." };
        var band = new Option<string?>("--band") { Description = "Phantom decks: only cases of these MinIP difficulty bands (comma list of hard, easy, none)." };
        var marks = new Option<string?>("--marks") { Description = $"The trainee's marks, CSV '{DrillMarks.Header}' (x = {DrillMarks.None}: no occlusion; the last mark of a case counts)." };
        var headless = new Option<bool>("--headless") { Description = "Scripted session: no window, marks from --marks (without it: the trainee plays the deck in a window)." };
        var report = new Option<string?>("--report") { Description = "New or empty folder for the session file, report.json, report.md, report.html, the charts and the reveal PNGs." };
        var resume = new Option<string?>("--resume") { Description = "Carry on the session of this report folder from its first case without a call (in the window; --headless: the marks file's calls, or re-score the calls made)." };
        var trainee = new Option<string?>("--trainee") { Description = "The trainee's name: shown on the console; written into the report folder only with --store-trainee." };
        var storeTrainee = new Option<bool>("--store-trainee") { Description = "Write the --trainee name into the report and session files (the trainer's decision; also a site setting)." };
        var model = new Option<string>("--model") { Description = "The AI's checkpoint; default: the shipped model.", DefaultValueFactory = _ => StreamingCommandOptions.DefaultModel };
        var bridge = new Option<int>("--bridge-gaps") { Description = "Trajectory rule of both sides: gaps of up to N frames bridged (the live view's 2; 0: the paper's).", DefaultValueFactory = _ => TrajectoryOptions.LiveMaxGap };
        var threads = CommonOptions.TorchThreads();
        var device = CommonOptions.Device();
        var engine = CommonOptions.Engine();
        var command = new Command("drill", "Simulation training: trainees mark the occlusion with the AI hidden; scored against the truth and the AI.")
        {
            deck, frames, fps, view, cls, band, marks, headless, report, resume, trainee, storeTrainee, model, bridge, threads, device, engine,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            string? resumePath = parse.GetValue(resume), marksPath = parse.GetValue(marks), traineeName = parse.GetValue(trainee);
            bool scripted = parse.GetValue(headless);
            if (resumePath is null)
            {
                if (parse.GetValue(deck) is null) return Task.FromResult(CliErrors.Report("drill: give the cases with --deck phantom:SEED:COUNT or --deck DIR"));
                if (parse.GetValue(report) is null) return Task.FromResult(CliErrors.Report("drill: give a new or empty folder for the report with --report DIR"));
                if (scripted != (marksPath is not null))
                    return Task.FromResult(CliErrors.Report("drill: a scripted session is --headless --marks FILE.csv; a session in the window takes neither"));
            }
            else
            {
                if (new Option[] { deck, report, frames, fps, view, cls, band }.Any(o => parse.GetResult(o) is { Implicit: false }))
                    return Task.FromResult(CliErrors.Report("drill: --resume DIR takes the deck and the report folder from its session file; leave out --deck, --report, --frames, --fps, --view, --class and --band"));
                if (!scripted && marksPath is not null) return Task.FromResult(CliErrors.Report("drill: --marks goes with --headless"));
            }
            if (parse.GetValue(storeTrainee) && traineeName is null) return Task.FromResult(CliErrors.Report("drill: --store-trainee needs the name: --trainee NAME"));
            if (parse.GetValue(bridge) < 0) return Task.FromResult(CliErrors.Report($"drill: --bridge-gaps must be 0 or more, was {parse.GetValue(bridge)}"));
            if (parse.GetValue(threads) < 1) return Task.FromResult(CliErrors.Report("drill: --threads must be at least 1"));
            EvaluatedModel? loaded = null;
            DrillWindow? window = null;
            try
            {
                // A resumed session: the deck, model, rule and stored name are the session file's, not the command line's;
                // so is the engine, unless --engine is given.
                var folder = resumePath is null ? null : OutputFolder.Reopen(resumePath, OutputKind.DrillReport);
                var resumed = folder is null ? null : DrillSessionFile.Resume(folder);
                var spec = resumed?.Deck ?? new DrillDeckSpec(parse.GetValue(deck)!, parse.GetValue(frames), parse.GetValue(fps), parse.GetValue(view), parse.GetValue(cls), parse.GetValue(band));
                string modelText = resumed?.Model ?? parse.GetValue(model)!;
                int bridgeGaps = resumed?.BridgeGaps ?? parse.GetValue(bridge);
                string? storedName = resumed is null ? (parse.GetValue(storeTrainee) ? traineeName : null) : resumed.Trainee;
                if (traineeName is not null)
                    Console.WriteLine($"trainee: {traineeName} ({(storedName == traineeName ? "stored in the report" : "not stored: --store-trainee writes it into the report")})");
                if (StreamingCommandOptions.ResolveModel(modelText) is not { } modelPath)
                    return Task.FromResult(CliErrors.Report($"drill: model {modelText} not found (--model FILE.safetensors)"));
                if (scripted) marksPath ??= resumed?.Marks;
                var scriptedMarks = marksPath is null ? null : DrillMarks.Load(marksPath);
                // The deck's truth (for a phantom deck: the runs, generated once) before anything is written.
                var entries = spec.Entries(cancellationToken);
                var duplicate = entries.GroupBy(e => e.Run.RunId).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null) throw new InvalidDataException($"deck {spec}: case '{duplicate.Key}' appears twice");
                scriptedMarks?.CheckAgainst(entries.ToDictionary(e => e.Run.RunId, e => (e.Run.Truth.Width, e.Run.Truth.Height)));
                var called = resumed?.Called ?? [];
                for (int i = 0; i < called.Count; i++)
                    if (i >= entries.Count || entries[i].Run.RunId != called[i].Case)
                        throw new InvalidDataException($"{folder!.PathOf(DrillSessionFile.Name)}: case {i + 1} called is '{called[i].Case}', the deck's case {i + 1} is '{(i < entries.Count ? entries[i].Run.RunId : "(none)")}'");
                if (!scripted) window = OpenWindow();
                var choice = CommonOptions.ChooseEngine(parse, device, engine, parse.GetValue(threads), resumed?.Engine);
                Console.Error.WriteLine($"engine: {choice.Describe(parse.GetValue(threads))}");
                loaded = EvaluatedModel.Load(modelPath, choice);
                folder ??= OutputFolder.Claim(parse.GetValue(report)!, OutputKind.DrillReport);
                var session = resumed ?? DrillSessionFile.Start(folder, spec, modelText, bridgeGaps, InferenceEngines.Of(loaded.Detector), storedName, scriptedMarks?.Path);
                var metric = EvaluationOptions.Paper with { Trajectories = TrajectoryOptions.Paper with { MaxGap = bridgeGaps } };
                if (called.Count > 0) Console.WriteLine($"resumed: {called.Count} of {entries.Count} cases called before; carrying on at case {called.Count + 1}");

                // Cases called before keep their calls (and their reveals); the others are called now and recorded as they are.
                var before = called.ToDictionary(c => c.Case, c => c.Calls);
                IReadOnlyList<DrillMark>? CallsOf(RawRun run, DrillTiming timing)
                {
                    string name = run.Run.RunId;
                    if (before.TryGetValue(name, out var calls)) return calls;
                    calls = window is not null ? Play(window, run, timing)
                        : scriptedMarks is not null ? scriptedMarks.All.Where(m => m.Case == name).ToArray()
                        : null;
                    if (calls is not null) session.Record(name, calls);
                    return calls;
                }
                string? revealProblem = null;
                var aiClasses = loaded.Detector.Info.Classes;
                string? Reveal(DrillCaseResult result, RawRun run)
                {
                    string name = DrillReveal.FileName(result.Name);
                    if (before.ContainsKey(result.Name) && session.Wrote(name)) return name;
                    var image = window is not null && !before.ContainsKey(result.Name) ? window.Reveal(result.Name, DrillReveal.Snapshot(result, run, aiClasses))
                        : RenderHeadless(result, run, aiClasses, ref revealProblem);
                    if (image is null) return null;
                    session.Write(name, DrillReveal.Png(image));
                    return name;
                }
                var cases = window is null
                    ? ProgressDisplay.For(parse).Run("drill", "cases", progress => new DrillSession(loaded, metric, progress.Out).Run(entries, CallsOf, Reveal, cancellationToken, progress))
                    : new DrillSession(loaded, metric, Console.Out).Run(entries, CallsOf, Reveal, cancellationToken);
                string rule = string.Create(CultureInfo.InvariantCulture,
                    $"paper (centre within {metric.MatchRadius} px at {metric.ModelInputSize} of the truth in a visible frame), trajectories bridging gaps of up to {metric.Trajectories.MaxGap} frames");
                // Calls made in the window (or only kept in the session file) are written out as a marks file too.
                bool keepsCalls = window is not null || session.Marks is null;
                string marksName = scriptedMarks?.Path ?? (keepsCalls ? Path.Combine(folder.Path, MarksName) : session.Marks!);
                var result = new DrillReport(spec.ToString(), marksName, $"{loaded.Name} = {loaded.Path} ({loaded.DetectorRule})",
                    rule, storedName, cases);
                if (keepsCalls) session.Write(MarksName, Encoding.UTF8.GetBytes(DrillMarks.ToCsv(session.AllCalls)));
                session.Write(DrillReport.JsonName, Encoding.UTF8.GetBytes(result.ToJson()));
                session.Write(DrillReport.MarkdownName, Encoding.UTF8.GetBytes(result.ToMarkdown()));
                var charts = new List<string>();
                foreach (var (name, chart) in result.Charts())
                {
                    using var png = new MemoryStream();
                    chart.Save(png);
                    session.Write(name, png.ToArray());
                    charts.Add(name);
                }
                session.Write(DrillReport.HtmlName, Encoding.UTF8.GetBytes(result.ToHtml(charts)));
                Console.WriteLine($"report: {Path.Combine(folder.Path, DrillReport.JsonName)}, {DrillReport.MarkdownName}, {DrillReport.HtmlName}, {charts.Count} charts and {cases.Count(c => c.Snapshot is not null)} reveal PNGs");
                if (cases.Count < entries.Count)
                    revealProblem = window is not null
                        ? $"the window was closed after {cases.Count} of {entries.Count} cases; the report has those (occlunet drill --resume {folder.Path} carries on)"
                        : $"{cases.Count} of {entries.Count} cases called; the report has those (occlunet drill --resume {folder.Path} in the window calls the rest)";
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
            catch (Exception e) when (LabelledRunOptions.IsUserError(e) || e is OutputFolderException)
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

    static IReadOnlyList<DrillMark>? Play(DrillWindow window, RawRun run, DrillTiming timing)
    {
        var frames = Enumerable.Range(0, run.Frames.Count).Select(i => DrillReveal.Frame(run, timing, i)).ToArray();
        Console.WriteLine($"case {run.Run.RunId}: playing");
        var calls = window.Play(run.Run.RunId, frames, $"case {run.Run.RunId}: click the occlusion, N = none, Enter = done");
        return calls?.Select((c, i) => new DrillMark(run.Run.RunId, c.TimeS, c.Point, i + 1)).ToArray();
    }

    /// <summary>The reveal drawn headless (EGL); null, with the problem kept, when there is no headless OpenGL (then no further reveal is tried).</summary>
    static RgbaImage? RenderHeadless(DrillCaseResult result, RawRun run, ClassSet classes, ref string? problem)
    {
        if (problem is not null) return null;
        try
        {
            return DrillReveal.RenderHeadless(result, run, classes);
        }
        catch (Exception e) when (e is OverlayContextException or DllNotFoundException)
        {
            problem = $"reveal snapshots not written: no headless OpenGL ({e.Message.ReplaceLineEndings(" ")})";
            return null;
        }
    }
}
