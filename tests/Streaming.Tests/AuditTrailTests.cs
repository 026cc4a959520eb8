using OccluNet.Live.Streaming.Audit;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

public sealed class AuditTrailTests
{
    string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("occlunet-audit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    async Task<string> AuditedRunAsync()
    {
        using var detector = new FaultyDetector(TinyDetector.Create()) { FailingDetectCalls = new HashSet<int> { 2 } };
        var trail = AuditTrail.InDirectory(_directory, detector.Info, PipelineOptions.Lossless, "/data/Doe^John/run.dcm");
        await Harness.RunAsync(ScriptedSource.Of(TestRuns.Run(5)), detector, PipelineOptions.Lossless, default, trail);
        return trail.Path;
    }

    [Test]
    public async Task AuditTrail_Run_IsAnIntactChainWithModelFramesResultsAndFaultsButNoIdentifiers()
    {
        string path = await AuditedRunAsync();

        string text = File.ReadAllText(path);
        var verification = AuditVerifier.Verify(path);
        Assert.Multiple(() =>
        {
            Assert.That(verification.IsIntact, Is.True, verification.Problem);
            Assert.That(verification.Records, Is.EqualTo(File.ReadAllLines(path).Length));
            Assert.That(text, Does.Contain("\"model\":\"tiny-test\"").And.Contain("\"device\":\"cpu\""));
            Assert.That(text, Does.Contain("\"type\":\"frame\"").And.Contain("\"type\":\"result\"").And.Contain("\"type\":\"fault\"").And.Contain("\"type\":\"end\""));
            Assert.That(text, Does.Contain(AuditChain.HashIdentifier("1.2.3.4.1")), "the series is identified by its hash");
            Assert.That(text, Does.Not.Contain("1.2.3.4.1").And.Not.Contain("Doe^John"), "no identifiers or names in clear");
        });
    }

    [TestCase("edit")]
    [TestCase("delete")]
    [TestCase("swap")]
    public async Task Verify_TamperedFile_ReportsTheFirstBrokenLine(string tampering)
    {
        string path = await AuditedRunAsync();
        var lines = File.ReadAllLines(path).ToList();
        switch (tampering)
        {
            case "edit": lines[3] = lines[3].Replace("\"frame\":", "\"frame\":1", StringComparison.Ordinal); break;
            case "delete": lines.RemoveAt(3); break;
            default: (lines[3], lines[4]) = (lines[4], lines[3]); break;
        }
        File.WriteAllLines(path, lines);

        var verification = AuditVerifier.Verify(path);

        Assert.That(verification.IsIntact, Is.False);
        Assert.That(verification.BrokenAtLine, Is.EqualTo(4));
        Assert.That(verification.Problem, Does.Contain(path).And.Contain("line 4"));
    }
}
