using System.CommandLine;
using OccluNet.Live.Cli.Commands;

// occlunet: one sub-command per job. Each command lives in Commands/ and builds itself.
var root = new RootCommand("OccluNet.Live: live occlusion detection on DSA runs (replay, live, synth, train, eval, dicom, bench).");
foreach (var command in new[]
{
    DeviceCommand.Create(),
    DicomCommand.Create(),
    SynthCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    ReplayCommand.Create(),
    LiveCommand.Create(),
})
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
