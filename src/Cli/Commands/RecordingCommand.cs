using System.CommandLine;
using OccluNet.Live.Streaming.Recording;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet recording repair DIR`: the run files of a recording whose session was killed, from its journals.</summary>
internal static class RecordingCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "A --record folder." };
        var repair = new Command("repair", "Write the run files (run-NNN.dcm) of a recording whose session was killed, from the journals it left (each frame was journalled as it arrived).") { folder };
        repair.SetAction(parse =>
        {
            string path = parse.GetValue(folder)!;
            if (!Directory.Exists(path)) return CliErrors.Report($"recording repair: {path} is not a folder");
            try
            {
                var lines = RunRecorder.Repair(path);
                foreach (string line in lines) Console.WriteLine($"recording repair: {line}");
                if (lines.Count == 0) Console.WriteLine($"recording repair: {path}: nothing to repair (every run was written)");
                return lines.Any(l => l.EndsWith("kept", StringComparison.Ordinal)) ? ExitCodes.Incomplete : ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                return CliErrors.Report($"recording repair: {e.Message}");
            }
        });
        return new Command("recording", "Recordings made with --record.") { repair };
    }
}
