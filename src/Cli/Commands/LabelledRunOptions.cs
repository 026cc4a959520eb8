using System.CommandLine;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Training;
using TorchSharp;

namespace OccluNet.Live.Cli.Commands;

/// <summary>What the commands that judge models on labelled runs (eval, calibrate) share: the runs, the metric's rule, threads and device.</summary>
public sealed class LabelledRunOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Folder of runs: <run>.json ground truth (top-level \"truth\") beside <run>.dcm, as `occlunet synth` writes." };
    public Option<string?> Phantom { get; } = new("--phantom") { Description = "Instead of --data: phantom runs generated in memory, SEED:COUNT[:SIZE]." };
    public Option<string> Rule { get; } = new("--rule") { Description = "paper (centre within 25 px at 640, default) or authors (any overlap, containment linking).", DefaultValueFactory = _ => "paper" };
    public Option<int> Threads { get; } = new("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
    public Option<string> Device { get; } = CommonOptions.Device();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, Phantom, Rule, Threads, Device }) command.Options.Add(option);
    }

    /// <summary>A user error in these options, or null.</summary>
    public string? Check(ParseResult parse)
    {
        if ((parse.GetValue(Data) == null) == (parse.GetValue(Phantom) == null)) return "give exactly one of --data FOLDER or --phantom SEED:COUNT.";
        if (parse.GetValue(Threads) < 1) return "--threads must be at least 1.";
        return null;
    }

    /// <summary>Sets the torch threads and returns the chosen device.</summary>
    public torch.Device StartTorch(ParseResult parse)
    {
        torch.set_num_threads(parse.GetValue(Threads));
        return TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(Device)!));
    }

    /// <exception cref="ArgumentException">Unknown rule.</exception>
    public EvaluationOptions Metric(ParseResult parse) => parse.GetValue(Rule)!.Trim().ToLowerInvariant() switch
    {
        "paper" => EvaluationOptions.Paper,
        "authors" => EvaluationOptions.AuthorsCode,
        var other => throw new ArgumentException($"unknown --rule '{other}' (paper, authors)."),
    };

    /// <summary>The runs, counted now and read lazily (a folder's DICOM files one at a time, or phantom runs generated in memory).</summary>
    public LazyRuns Runs(ParseResult parse, CancellationToken cancellationToken) =>
        parse.GetValue(Data) is { } folder ? RawRun.FromFolder(folder) : RawRun.FromPhantom(PhantomSplit.Parse(parse.GetValue(Phantom)!), 1, cancellationToken);

    /// <summary>What the runs are, for the record (e.g. in an operating point).</summary>
    public string Describe(ParseResult parse) =>
        parse.GetValue(Data) is { } folder ? $"folder {Path.GetFullPath(folder)}" : PhantomSplit.Parse(parse.GetValue(Phantom)!).ToString();

    /// <summary>The errors these commands turn into one line and exit code 2.</summary>
    public static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or IOException or InvalidDataException or Capture.Dicom.DicomFileException or UnauthorizedAccessException;
}
