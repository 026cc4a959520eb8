using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet replay replay-data --speed max --send ORTHANC@127.0.0.1:PORT` against a private Orthanc that is stopped
/// after the first object arrives and started again once occlunet says it cannot reach it: afterwards Orthanc holds,
/// per run, exactly one GSPS and one SR in the run's study referencing the run's instance.
/// </summary>
[TestFixture]
public sealed class SendToPacsTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Test]
    public async Task EveryRunsResultArrivesOnceThoughThePacsRestartsMidReplay()
    {
        string work = Directory.CreateTempSubdirectory("cli-send-").FullName;
        using var orthanc = new OrthancServer();
        string outbox = Path.Combine(work, "outbox");
        int stopped = 0, restarted = 0;
        var replay = await CliProcess.RunAsync(work, Limit, display: null, (line, _) =>
        {
            // Signals from occlunet's own lines, not timing: the first object stored, then the node not reached.
            if (line.StartsWith("pacs: sent", StringComparison.Ordinal) && Interlocked.Exchange(ref stopped, 1) == 0) orthanc.Stop();
            else if (line.Contains("not reached", StringComparison.Ordinal) && stopped == 1 && Interlocked.Exchange(ref restarted, 1) == 0) orthanc.Start();
        }, "replay", RepoPaths.ReplayData, "--speed", "max", "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1",
            "--headless", "--snapshot-every", "1000", "--snapshots", Path.Combine(work, "shots"), "--audit", Path.Combine(work, "audit"),
            "--send", orthanc.Node, "--outbox", outbox);
        Assert.That(replay.ExitCode, Is.Zero, replay.ToString());
        Assert.That((stopped, restarted), Is.EqualTo((1, 1)), "the PACS went down during the replay and came back\n" + replay);
        // Whatever the replay's last wait did not deliver is still queued on disk: `occlunet send` delivers it.
        var send = await CliProcess.RunAsync(work, Limit, "send", "--to", orthanc.Node, "--outbox", outbox);
        Assert.That(send.ExitCode, Is.Zero, send.ToString());
        Assert.That(send.StdOut, Does.Contain("the queue for"));

        var runs = Directory.GetFiles(RepoPaths.ReplayData, "*.dcm").Order(StringComparer.Ordinal).Select(p => DicomFile.Open(p).DataSet).ToArray();
        Assert.That(runs, Has.Length.EqualTo(7));
        var stored = orthanc.Instances();
        Assert.That(stored, Has.Count.EqualTo(2 * runs.Length), string.Join("\n", stored.Select(s => s["SOPClassUID"])) + "\n" + replay);
        foreach (var run in runs)
        {
            string study = run.GetString(DicomTags.StudyInstanceUid)!, instance = run.GetString(DicomTags.SopInstanceUid)!;
            var mine = stored.Where(s => s["StudyInstanceUID"]!.GetValue<string>() == study).ToArray();
            Assert.That(mine.Select(s => s["Modality"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { "PR", "SR" }), $"study of {instance}");
            var pr = mine.Single(s => s["Modality"]!.GetValue<string>() == "PR");
            var referenced = pr["ReferencedSeriesSequence"]!.AsArray().Single()!["ReferencedImageSequence"]!.AsArray().Single()!;
            Assert.That(referenced["ReferencedSOPInstanceUID"]!.GetValue<string>(), Is.EqualTo(instance));
            var sr = mine.Single(s => s["Modality"]!.GetValue<string>() == "SR");
            var evidence = sr["CurrentRequestedProcedureEvidenceSequence"]!.AsArray().Single()!["ReferencedSeriesSequence"]!.AsArray().Single()!["ReferencedSOPSequence"]!.AsArray().Single()!;
            Assert.That(evidence["ReferencedSOPInstanceUID"]!.GetValue<string>(), Is.EqualTo(instance));
        }
        Directory.Delete(work, recursive: true);
    }
}
