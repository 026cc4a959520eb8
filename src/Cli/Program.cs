using System.CommandLine;
using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Cli.Settings;

// Ctrl-C/SIGTERM cancel the command's token from the first line on (Interruption says why not System.CommandLine's).
using var interruption = new Interruption();

// occlunet: one sub-command per job. Each command lives in Commands/ and builds itself.
var root = new RootCommand("OccluNet.Live: live occlusion detection on DSA runs (replay, live, synth, train, eval, drill, calibrate, export, dataset, send, audit, recording, dicom, bench, config).");
root.Options.Add(CommonOptions.Quiet);
foreach (var command in new[]
{
    DeviceCommand.Create(),
    DicomCommand.Create(),
    SynthCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    DrillCommand.Create(),
    CalibrateCommand.Create(),
    ExportCommand.Create(),
    DatasetCommand.Create(),
    BenchCommand.Create(),
    ReplayCommand.Create(),
    LiveCommand.Create(),
    SendCommand.Create(),
    AuditCommand.Create(),
    RecordingCommand.Create(),
})
{
    root.Subcommands.Add(command);
}
root.Subcommands.Add(ConfigCommand.Create(root));

// A site file's settings (occlunet.json) go in as if typed, after what the user typed (docs/settings.md).
try { args = SiteSettings.Apply(root, args, SiteFile.Load()); }
catch (SiteFileException e) { return CliErrors.Report(e.Message); }
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Token);
