using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>occlunet's commands: one sub-command per job, each built by its class in Commands/ (built here once, for the program and its tests).</summary>
internal static class CommandTree
{
    public static RootCommand Build()
    {
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
        return root;
    }
}
