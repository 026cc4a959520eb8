using System.CommandLine;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The options the pipeline commands (replay, live, bench latency/soak) share, and loading the model they name.</summary>
internal sealed class StreamingCommandOptions
{
    /// <summary>
    /// The shipped model, relative to the repository root: the one place that names it. Found from the working directory
    /// or, failing that, from the folders above the app (so `dotnet run --project src/Cli` works from anywhere in the clone).
    /// </summary>
    public const string DefaultModel = "models/occlunet1.safetensors";

    public Option<string> Model { get; } = new("--model")
    {
        Description = "OccluNet checkpoint (.safetensors with its metadata), or a folder `occlunet export` wrote (runs in ONNX Runtime; no libtorch needed).",
        DefaultValueFactory = _ => DefaultModel,
    };
    public Option<string> Device { get; } = CommonOptions.Device();
    public Option<string> Engine { get; } = CommonOptions.Engine();
    public Option<string?> Record { get; } = new("--record") { Description = "Record the frames as received (DICOM, one file per run) and the detections (JSON Lines) into this empty folder." };
    public Option<string> Audit { get; } = new("--audit") { Description = "Folder for the run's hash-chained audit file (new, empty, or an audit folder).", DefaultValueFactory = _ => "audit" };
    public Option<string?> AuditKey { get; } = new("--audit-key") { Description = "A file of at least 32 secret bytes the site controls: the audit trail is sealed with HMAC-SHA-256 (occlunet audit verify --key)." };

    public Option<int> BridgeGaps { get; } = new("--bridge-gaps")
    {
        Description = "Frames a trajectory may skip (missed detections) and go on; 0 is the paper's rule.",
        DefaultValueFactory = _ => Trajectories.TrajectoryOptions.LiveMaxGap,
    };

    /// <summary>
    /// Torch intra-op threads. Default: all cores but one, which stays free for the source, preprocessing and the display
    /// (on 2 shared cores, 2 torch threads were several times slower and far less predictable than 1).
    /// </summary>
    public Option<int> Threads { get; } = new("--threads") { Description = "Intra-op threads for the model, TorchSharp or ONNX Runtime (default: cores - 1).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount - 1) };

    public void AddTo(Command command)
    {
        AddModelOptions(command);
        command.Options.Add(Record);
        command.Options.Add(Audit);
        command.Options.Add(AuditKey);
        command.Options.Add(BridgeGaps);
    }

    /// <summary><paramref name="options"/> with the trajectory rule asked for; null and a message when --bridge-gaps is negative.</summary>
    public PipelineOptions? WithTrajectoryRule(ParseResult parse, PipelineOptions options, string command, out string? error)
    {
        int gap = parse.GetValue(BridgeGaps);
        error = gap < 0 ? $"{command}: --bridge-gaps must be 0 or more, was {gap}" : null;
        return error is null ? options with { Trajectories = options.Trajectories with { MaxGap = gap } } : null;
    }

    /// <summary>Only what the model needs (the benchmarks record nothing).</summary>
    public void AddModelOptions(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Device);
        command.Options.Add(Engine);
        command.Options.Add(Threads);
    }

    /// <summary>Checks the model and device before anything starts; on a user error returns null and the message.</summary>
    /// <param name="other">Another model file to load with the same engine, device and threads (bench latency --compare); null: --model.</param>
    public LoadedModel? LoadModel(ParseResult parse, string command, out string? error, string? other = null)
    {
        error = null;
        string given = other ?? parse.GetValue(Model)!;
        bool exported = Directory.Exists(given);
        string? path = exported ? given : ResolveModel(given);
        if (path is null)
        {
            error = given == DefaultModel
                ? $"{command}: the default model {DefaultModel} was not found in {Environment.CurrentDirectory} nor above {AppContext.BaseDirectory}; give one with --model FILE.safetensors"
                : $"{command}: model {given} not found ({(other is null ? "--model" : "--compare")} FILE.safetensors)";
            return null;
        }
        if (parse.GetValue(Threads) < 1)
        {
            error = $"{command}: --threads must be at least 1";
            return null;
        }
        try
        {
            int threads = parse.GetValue(Threads);
            if (exported) return ExportedModel.Load(path).LoadForInference(CommonOptions.ChooseExportedEngine(parse, Device, Engine), threads);
            return Checkpoint.LoadForInference(path, CommonOptions.ChooseEngine(parse, Device, Engine, threads));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or IOException)
        {
            error = $"{command}: {e.Message}";
            return null;
        }
    }

    /// <summary>The model file: as given when it exists; the default also from the folders above the app; null when nowhere.</summary>
    public static string? ResolveModel(string given)
    {
        if (File.Exists(given)) return given;
        if (given != DefaultModel || Path.IsPathRooted(given)) return null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, given);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The sinks the options name; null and a message when the audit key cannot be used.</summary>
    public SessionSinks? Sinks(ParseResult parse, TextWriter? console, string command, out string? error)
    {
        error = null;
        Streaming.Audit.AuditKey? key = null;
        if (parse.GetValue(AuditKey) is string keyFile)
        {
            try { key = Streaming.Audit.AuditKey.FromFile(keyFile); }
            catch (InvalidDataException e)
            {
                error = $"{command}: {e.Message}";
                return null;
            }
        }
        return new SessionSinks { Console = console, RecordDirectory = parse.GetValue(Record), AuditDirectory = parse.GetValue(Audit), AuditKey = key };
    }
}
