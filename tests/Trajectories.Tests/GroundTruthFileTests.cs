using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Trajectories.Tests;

public sealed class GroundTruthFileTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    string dir = "";

    [SetUp]
    public void MakeScratch() => dir = Directory.CreateTempSubdirectory("groundtruth-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(dir, recursive: true);

    string Write(string name, string json)
    {
        string path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void ReadsTheTruthObjectAndTheDifficultyOfAPhantomFile()
    {
        LabelledRun run = GroundTruthFile.Load(Fixture("phantom-run-0007.json"));

        Assert.That(run.RunId, Is.EqualTo("phantom-0007"));
        Assert.That((run.Truth.Width, run.Truth.Height, run.Truth.View), Is.EqualTo((1024, 1024, "AP")));
        Assert.That(run.Truth.Occlusion!.Class, Is.EqualTo(OcclusionClass.M1));
        Assert.That(run.Truth.Occlusion.FixedBox, Is.EqualTo(new Box(480, 480, 520, 520)));
        Assert.That((run.Truth.Occlusion.FirstVisibleFrame, run.Truth.Occlusion.LastVisibleFrame), Is.EqualTo((3, 6)));
        Assert.That(run.MinipDifficulty, Is.EqualTo(0.85));
        Assert.That(run.SourcePath, Does.EndWith("phantom-run-0007.json"));
    }

    [Test]
    public void ReadsANegativeRunWithoutDifficulty()
    {
        LabelledRun run = GroundTruthFile.Load(Fixture("phantom-run-0008.json"));

        Assert.That(run.Truth.Occlusion, Is.Null);
        Assert.That(run.MinipDifficulty, Is.Null);
    }

    [Test]
    public void ReadsWhatDomainJsonWrites()
    {
        var truth = new RunTruth("rt", 768, 512, "lateral",
            new OcclusionTruth(OcclusionClass.ExtracranialIca, 100.5f, 200, new Box(95, 195, 105, 205), Box.FromCenter(100.5f, 200, 30, 30), 0, 9));
        string path = Write("rt.json", JsonSerializer.Serialize(new { truth, minipDifficulty = 3.25, other = new[] { 1, 2 } }, DomainJson.Options));

        LabelledRun run = GroundTruthFile.Load(path);

        Assert.That(run.Truth.Occlusion, Is.EqualTo(truth.Occlusion));
        Assert.That(run.Truth with { Occlusion = null }, Is.EqualTo(truth with { Occlusion = null }));
        Assert.That(run.MinipDifficulty, Is.EqualTo(3.25));
    }

    [TestCase("{ \"seed\": 1 }", "no top-level \"truth\" object")]
    [TestCase("{ \"truth\": ", "not valid JSON")]
    [TestCase("{ \"truth\": { \"runId\": \"x\", \"width\": 0, \"height\": 10, \"view\": \"AP\" } }", "image size 0 x 10")]
    [TestCase("{ \"truth\": { \"runId\": \"x\", \"width\": 10, \"height\": 10, \"view\": \"AP\", \"occlusion\": { \"class\": \"M7\" } } }", "RunTruth schema")]
    [TestCase("{ \"truth\": { \"runId\": \"x\", \"width\": 10, \"height\": 10, \"view\": \"AP\", \"occlusion\": { \"class\": \"M1\", \"fixedBox\": { \"x1\": 1, \"y1\": 1, \"x2\": 5, \"y2\": 5 }, \"firstVisibleFrame\": 4, \"lastVisibleFrame\": 2 } } }", "visible frames 4..2")]
    [TestCase("{ \"truth\": { \"runId\": \"x\", \"width\": 10, \"height\": 10, \"view\": \"AP\", \"occlusion\": { \"class\": \"M1\", \"firstVisibleFrame\": 0, \"lastVisibleFrame\": 2 } } }", "fixedBox")]
    [TestCase("{ \"truth\": { \"runId\": \"x\", \"width\": 10, \"height\": 10, \"view\": \"AP\", \"occlusion\": { \"class\": \"M1\", \"fixedBox\": { \"x1\": 1, \"y1\": 1, \"x2\": 5, \"y2\": 5 }, \"firstVisibleFrame\": -1, \"lastVisibleFrame\": 3 } } }", "visible frames -1..3")]
    [TestCase("{ \"minipDifficulty\": \"low\", \"truth\": { \"runId\": \"x\", \"width\": 10, \"height\": 10, \"view\": \"AP\" } }", "\"minipDifficulty\" must be a number")]
    public void BadFilesAreRefusedNamingTheFileAndTheProblem(string json, string problem)
    {
        string path = Write("bad.json", json);

        var e = Assert.Throws<InvalidDataException>(() => GroundTruthFile.Load(path));
        Assert.That(e!.Message, Does.StartWith(path + ": ").And.Contain(problem));
    }

    [Test]
    public void AnOcclusionVisibleInNoFrameIsReadAsSuch()
    {
        var truth = new RunTruth("never", 256, 256, "AP",
            new OcclusionTruth(OcclusionClass.M2, 100, 100, new Box(95, 95, 105, 105), Box.FromCenter(100, 100, 10, 10), OcclusionTruth.NeverVisible, OcclusionTruth.NeverVisible));
        string path = Write("never.json", JsonSerializer.Serialize(new { truth }, DomainJson.Options));

        LabelledRun run = GroundTruthFile.Load(path);

        Assert.That(run.Truth.Occlusion!.IsEverVisible, Is.False);
        Assert.That(Enumerable.Range(-1, 5).Any(run.Truth.Occlusion.IsVisibleIn), Is.False);
    }

    [Test]
    public void AFolderYieldsEveryTruthFileAndSkipsOthers()
    {
        File.Copy(Fixture("phantom-run-0007.json"), Path.Combine(dir, "run-0007.json"));
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.Copy(Fixture("phantom-run-0008.json"), Path.Combine(dir, "sub", "run-0008.json"));
        Write("index.json", "{ \"runs\": [\"run-0007\", \"run-0008\"] }");

        IReadOnlyList<LabelledRun> runs = GroundTruthFile.LoadFolder(dir);

        Assert.That(runs.Select(r => r.RunId), Is.EquivalentTo(new[] { "phantom-0007", "phantom-0008" }));
    }

    [Test]
    public void AFolderWithoutTruthOrWithTwiceTheSameRunIsRefused()
    {
        Write("index.json", "{ \"runs\": [] }");
        Assert.That(() => GroundTruthFile.LoadFolder(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no ground-truth JSON"));

        File.Copy(Fixture("phantom-run-0007.json"), Path.Combine(dir, "a.json"));
        File.Copy(Fixture("phantom-run-0007.json"), Path.Combine(dir, "b.json"));
        Assert.That(() => GroundTruthFile.LoadFolder(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("'phantom-0007' is also used by"));
        Assert.Throws<DirectoryNotFoundException>(() => GroundTruthFile.LoadFolder(Path.Combine(dir, "missing")));
    }
}
