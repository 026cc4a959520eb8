using System.CommandLine;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Cli.Commands;

/// <summary>What the commands that judge models on labelled runs (eval, calibrate) share: the runs, the metric's rule, threads and device.</summary>
internal sealed class LabelledRunOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "The runs: " + DataSourceOptions.DataHelp };
    public Option<string?> Phantom { get; } = new("--phantom") { Description = "Instead of --data: phantom runs generated in memory, SEED:COUNT[:SIZE]." };
    public DataSourceOptions SourceOptions { get; } = new();
    public Option<string> Rule { get; } = new("--rule") { Description = "paper (centre within 25 px at 640, default) or authors (any overlap, containment linking).", DefaultValueFactory = _ => "paper" };
    public Option<int> Threads { get; } = CommonOptions.TorchThreads();
    public Option<string> Device { get; } = CommonOptions.Device();
    public Option<string> Engine { get; } = CommonOptions.Engine();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, Phantom, Rule, Threads, Device, Engine }) command.Options.Add(option);
        SourceOptions.AddTo(command);
    }

    /// <summary>A user error in these options, or null.</summary>
    public string? Check(ParseResult parse)
    {
        if ((parse.GetValue(Data) == null) == (parse.GetValue(Phantom) == null)) return "give exactly one of --data FOLDER or --phantom SEED:COUNT.";
        if (parse.GetValue(Threads) < 1) return "--threads must be at least 1.";
        return null;
    }

    /// <summary>Sets the threads and returns the chosen engine and device.</summary>
    public EngineChoice StartEngine(ParseResult parse)
    {
        var choice = CommonOptions.ChooseEngine(parse, Device, Engine, parse.GetValue(Threads));
        Console.Error.WriteLine($"engine: {choice.Describe(parse.GetValue(Threads))}");
        return choice;
    }

    /// <exception cref="ArgumentException">Unknown rule.</exception>
    public EvaluationOptions Metric(ParseResult parse) => parse.GetValue(Rule)!.Trim().ToLowerInvariant() switch
    {
        "paper" => EvaluationOptions.Paper,
        "authors" => EvaluationOptions.AuthorsCode,
        var other => throw new ArgumentException($"unknown --rule '{other}' (paper, authors)."),
    };

    /// <summary>The data source (its notes printed); its runs are read lazily, one at a time.</summary>
    public DataSource OpenSource(ParseResult parse)
    {
        var source = parse.GetValue(Data) is { } data ? SourceOptions.Parse(parse, data) : PhantomSplit.Parse(parse.GetValue(Phantom)!);
        DataSourceOptions.PrintNotes(source);
        return source;
    }

    /// <summary>The errors these commands turn into one line and exit code 2.</summary>
    public static bool IsUserError(Exception e) =>
        e is ArgumentException or InvalidOperationException or FormatException or IOException or InvalidDataException or Capture.Dicom.DicomFileException or UnauthorizedAccessException;
}
