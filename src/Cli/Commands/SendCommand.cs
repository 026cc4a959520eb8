using System.CommandLine;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Pacs.Sending;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet send --to AET@HOST:PORT [FILE...] [--outbox DIR]`: queues the files (DICOM, e.g. the GSPS and SR that
/// --results wrote, or a recording) in the node's outbox and sends everything waiting there, earlier leftovers
/// included. Exit 0 when the queue is empty at the end, 3 when objects stay queued (the node could not be reached;
/// nothing is lost: a later `occlunet send --to` sends them), 2 for bad usage or a file that is not DICOM.
/// </summary>
internal static class SendCommand
{
    public const int StillQueued = 3;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "DICOM files to send (none: send what is queued).", Arity = ArgumentArity.ZeroOrMore };
        var to = new Option<string>("--to") { Description = "The DICOM node, AET@HOST:PORT.", Required = true };
        var pacs = new PacsOptions();
        var wait = new Option<double>("--wait") { Description = "Seconds to keep retrying a node that cannot be reached.", DefaultValueFactory = _ => 10 };
        var command = new Command("send", "C-STORE DICOM files (and whatever is queued) to a PACS through the durable outbox.") { files, to, pacs.Outbox, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DicomNode node;
            try { node = DicomNode.Parse(parse.GetValue(to)!); }
            catch (FormatException e) { return CliErrors.Report($"send: --to {e.Message}"); }
            var outbox = new Outbox(parse.GetValue(pacs.Outbox) ?? Outbox.DefaultRoot, node);
            foreach (string file in parse.GetValue(files) ?? [])
            {
                if (!File.Exists(file)) return CliErrors.Report($"send: {file} does not exist");
                try
                {
                    Console.WriteLine(outbox.Add(file) ? $"queued {file}" : $"{file}: already queued or sent to {node}; not queued again");
                }
                catch (DicomFileException e) { return CliErrors.Report($"send: {e.Message}"); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return CliErrors.Report($"send: {file} could not be queued in {outbox.Folder}: {e.Message}"); }
            }
            await using var sender = new OutboxSender(outbox, line => Console.WriteLine($"pacs: {line}"));
            int waiting = await sender.FinishAsync(TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))), cancellationToken);
            Console.WriteLine(waiting == 0 ? $"send: the queue for {node} is empty ({sender.Sent} sent)" : $"send: {waiting} object(s) still queued in {outbox.Folder}");
            return waiting == 0 ? 0 : StillQueued;
        });
        return command;
    }
}
