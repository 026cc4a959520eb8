using System.CommandLine;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;
using TorchSharp;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The options the pipeline commands (replay, live, bench latency/soak) share, and loading the model they name.</summary>
public sealed class StreamingCommandOptions
{
    public const string DefaultModel = "models/occlunet.safetensors";

    public Option<string> Model { get; } = new("--model") { Description = "OccluNet checkpoint (.safetensors with its metadata).", DefaultValueFactory = _ => DefaultModel };
    public Option<string> Device { get; } = CommonOptions.Device();
    public Option<string?> Record { get; } = new("--record") { Description = "Record the frames as received (DICOM, one file per run) and the detections (JSON Lines) into this empty folder." };
    public Option<string> Audit { get; } = new("--audit") { Description = "Folder for the run's hash-chained audit file.", DefaultValueFactory = _ => "audit" };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Device);
        command.Options.Add(Record);
        command.Options.Add(Audit);
    }

    /// <summary>Checks the model and device before anything starts; on a user error returns null and the message.</summary>
    public LoadedModel? LoadModel(ParseResult parse, string command, out string? error)
    {
        error = null;
        string path = parse.GetValue(Model)!;
        if (!File.Exists(path))
        {
            error = $"{command}: model {path} not found (--model FILE.safetensors)";
            return null;
        }
        try
        {
            torch.Device device = TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(Device)!));
            return LoadedModel.Load(path, device);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or IOException)
        {
            error = $"{command}: {e.Message}";
            return null;
        }
    }

    /// <summary>The record folder must be new or empty of recordings; checked before the model loads.</summary>
    public string? CheckRecordFolder(ParseResult parse, string command)
    {
        if (parse.GetValue(Record) is not string folder) return null;
        return File.Exists(Path.Combine(folder, Streaming.Recording.RecordingFiles.Detections))
            ? $"{command}: {folder} already holds a recording; choose an empty folder (--record)"
            : null;
    }

    public SessionSinks Sinks(ParseResult parse, TextWriter? console) => new()
    {
        Console = console,
        RecordDirectory = parse.GetValue(Record),
        AuditDirectory = parse.GetValue(Audit),
    };
}
