using OccluNet.Live.Pacs.Sending;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Pacs.Tests;

/// <summary>The outbox against a real PACS (a private Orthanc): a node that is down, restarts, refuses, or is full.</summary>
[TestFixture]
public sealed class OutboxTests
{
    string folder = "";

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("pacs-outbox-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    IReadOnlyList<ResultObject> WriteRuns(params string[] runs) =>
        runs.SelectMany(r => ResultObjects.Write(ReplayRuns.ResultFor(r), Path.Combine(folder, "results"))).ToArray();

    [Test]
    public async Task ObjectsQueuedWhileThePacsIsDownSurviveARestartOfBothAndArriveExactlyOnce()
    {
        using var orthanc = new OrthancServer();
        var objects = WriteRuns("ph501-lat.dcm", "ph701-ap.dcm");
        string root = Path.Combine(folder, "outbox");
        var node = DicomNode.Parse(orthanc.Node);
        orthanc.Stop();

        var before = new Outbox(root, node);
        foreach (var o in objects) Assert.That(before.Add(o.Path), Is.True);
        var down = await before.DrainAsync();
        Assert.That((down.Sent, down.Pending), Is.EqualTo((0, 4)));
        Assert.That(down.Failure, Does.Contain("Connection refused"));

        orthanc.Start(); // same storage; and a new Outbox on the same folder is a restarted occlunet
        var after = new Outbox(root, node);
        Assert.That(after.Pending(), Has.Count.EqualTo(4), "the queue survived");
        var up = await after.DrainAsync();
        Assert.That((up.Sent, up.Pending, up.Failure), Is.EqualTo((4, 0, (string?)null)));

        var again = await after.DrainAsync();
        Assert.That(again.Sent, Is.Zero);
        Assert.That(after.Add(objects[0].Path), Is.False, "an instance already sent is not queued again");
        var stored = orthanc.Instances();
        Assert.That(stored, Has.Count.EqualTo(4));
        Assert.That(stored.Select(i => i["SOPInstanceUID"]!.GetValue<string>()), Is.EquivalentTo(objects.Select(o => o.SopInstanceUid)), "each once");
        Assert.That(stored.Select(i => i["Modality"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { "PR", "PR", "SR", "SR" }));
    }

    [Test]
    public async Task ARefusedAssociationIsReportedAndTheObjectsStayQueued()
    {
        using var orthanc = new OrthancServer(checkCalledAet: true);
        var objects = WriteRuns("ph501-lat.dcm");
        var wrong = new DicomNode("NOT_ORTHANC", "127.0.0.1", orthanc.DicomPort);
        var outbox = new Outbox(Path.Combine(folder, "outbox"), wrong);
        foreach (var o in objects) outbox.Add(o.Path);
        var result = await outbox.DrainAsync();
        Assert.That((result.Sent, result.Pending), Is.EqualTo((0, 2)));
        Assert.That(result.Failure, Does.Contain("Association Rejected").Or.Contain("Called AE Title Not Recognized"));
        Assert.That(orthanc.Instances(), Is.Empty);
    }

    /// <summary>A full PACS: Orthanc may hold one patient, and that one (another patient) is protected from recycling.</summary>
    [Test]
    public async Task AFullPacsIsReportedAndTheObjectsStayQueuedUntilItHasRoom()
    {
        using var orthanc = new OrthancServer(maximumPatientCount: 1);
        string other = Path.Combine(folder, "other.dcm");
        File.Copy(ReplayRuns.PathOf("ph501-lat.dcm"), other);
        Assert.That(ExternalTool.Run("dcmodify", "-nb", "-i", "(0010,0020)=OTHER", other).ExitCode, Is.Zero);
        var store = ExternalTool.Run("storescu", "-aec", orthanc.Aet, "127.0.0.1", orthanc.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), other);
        Assert.That(store.ExitCode, Is.Zero, store.StdErr);
        string patient = orthanc.Get("/patients").AsArray().Single()!.GetValue<string>();
        orthanc.Put($"/patients/{patient}/protected", "1");

        var objects = WriteRuns("ph501-lat.dcm");
        var outbox = new Outbox(Path.Combine(folder, "outbox"), DicomNode.Parse(orthanc.Node));
        foreach (var o in objects) outbox.Add(o.Path);
        var full = await outbox.DrainAsync();
        Assert.That((full.Sent, full.Pending), Is.EqualTo((0, 2)));
        Assert.That(full.Failure, Is.Not.Null);

        orthanc.Put($"/patients/{patient}/protected", "0"); // room again (Orthanc may recycle the other patient)
        var after = await outbox.DrainAsync();
        Assert.That((after.Sent, after.Pending), Is.EqualTo((2, 0)));
    }
}
