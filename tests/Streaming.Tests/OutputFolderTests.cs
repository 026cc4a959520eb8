using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>The one output-folder rule (recordings, audit trails, snapshots): refuse what is not ours, never overwrite, one line on failure.</summary>
public sealed class OutputFolderTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("occlunet-output-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Claim_NewFolder_CreatesItWithTheKindsMarker()
    {
        string path = Path.Combine(directory, "rec", "inner");

        OutputFolder folder = OutputFolder.Claim(path, OutputKind.Recording);

        Assert.That(File.ReadAllText(Path.Combine(folder.Path, OutputFolder.MarkerName)).Trim(), Is.EqualTo("recording"));
    }

    [Test]
    public void Claim_AUsersFolder_IsRefusedInOneLineAndLeftAlone()
    {
        string mine = Path.Combine(directory, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "run-000.dcm"), "the user's own file");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Claim(mine, OutputKind.Recording));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(mine).And.Contain("not empty").And.Contain("--record").And.Not.Contain("\n"));
            Assert.That(File.ReadAllText(Path.Combine(mine, "run-000.dcm")), Is.EqualTo("the user's own file"));
            Assert.That(Directory.GetFileSystemEntries(mine), Has.Length.EqualTo(1), "no marker written into a refused folder");
        });
    }

    [TestCase("/")]
    [TestCase("/proc/occlunet-cannot-be-here")]
    public void Claim_RootOrAnUnwritablePlace_IsRefusedInOneLine(string path)
    {
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Claim(path, OutputKind.Audit));
        Assert.That(e!.Message, Does.Contain(path).And.Not.Contain("\n"));
    }

    [Test]
    public void Claim_AFile_IsRefusedInOneLine()
    {
        string file = Path.Combine(directory, "notes.txt");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Claim(file, OutputKind.Snapshots));

        Assert.That(e!.Message, Does.Contain(file).And.Contain("is a file"));
    }

    [Test]
    public void Claim_ReusableKind_TakesItsOwnFolderAgainButNotAnotherKinds()
    {
        string audit = Path.Combine(directory, "audit");
        OutputFolder.Claim(audit, OutputKind.Audit).CreateNew("audit-1.jsonl").Dispose();
        string recording = Path.Combine(directory, "rec");
        OutputFolder.Claim(recording, OutputKind.Recording);

        Assert.Multiple(() =>
        {
            Assert.That(OutputFolder.Claim(audit, OutputKind.Audit).Path, Is.EqualTo(audit));
            Assert.Throws<OutputFolderException>(() => OutputFolder.Claim(recording, OutputKind.Audit));
            Assert.That(() => OutputFolder.Claim(recording, OutputKind.Recording), Throws.TypeOf<OutputFolderException>().With.Message.Contains("already holds a recording"));
        });
    }

    [Test]
    public void Claim_AnUnmarkedFolderOfAuditFiles_IsAdoptedAsAnAuditFolder()
    {
        string legacy = Path.Combine(directory, "audit");
        Directory.CreateDirectory(legacy);
        File.WriteAllText(Path.Combine(legacy, "audit-20260101-000000-abcdef12.jsonl"), "{}\n");

        Assert.That(OutputFolder.Claim(legacy, OutputKind.Audit).Path, Is.EqualTo(legacy));
    }

    [Test]
    public void CreateNew_NeverOverwritesAndNeverLeavesTheFolder()
    {
        OutputFolder folder = OutputFolder.Claim(Path.Combine(directory, "out"), OutputKind.Recording);
        using (var first = folder.CreateNew("a.txt")) first.WriteByte(42);

        Assert.Multiple(() =>
        {
            Assert.Throws<OutputFolderException>(() => folder.CreateNew("a.txt"));
            Assert.That(File.ReadAllBytes(Path.Combine(folder.Path, "a.txt")), Is.EqualTo(new byte[] { 42 }));
            foreach (string escape in new[] { "../x.txt", "..", "sub/x.txt", "/etc/x", "" })
                Assert.Throws<OutputFolderException>(() => folder.CreateNew(escape), escape);
            Assert.That(File.Exists(Path.Combine(directory, "x.txt")), Is.False);
        });
    }
}
