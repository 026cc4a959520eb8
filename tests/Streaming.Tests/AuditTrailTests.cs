using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Audit;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

public sealed class AuditTrailTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("occlunet-audit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    async Task<string> AuditedRunAsync(AuditKey? key = null)
    {
        using var detector = new FaultyDetector(TinyDetector.Create()) { FailingDetectCalls = new HashSet<int> { 2 } };
        var trail = AuditTrail.InDirectory(Path.Combine(directory, "audit"), detector.Info, PipelineOptions.Lossless, "/data/Doe^John/run.dcm", key);
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
            Assert.That(text, Does.Contain(Identifiers.Hash("1.2.3.4.1")), "the series is identified by its hash");
            Assert.That(text, Does.Not.Contain("1.2.3.4.1").And.Not.Contain("Doe^John"), "no identifiers or names in clear");
        });
    }

    [TestCase("edit", 4)]
    [TestCase("delete a middle line", 4)]
    [TestCase("swap a pair", 4)]
    [TestCase("add a field", 4)]
    [TestCase("add a field to the data", 4)]
    public async Task Verify_TamperedFile_ReportsTheFirstBrokenLine(string tampering, int brokenLine)
    {
        string path = await AuditedRunAsync();
        var lines = File.ReadAllLines(path).ToList();
        switch (tampering)
        {
            case "edit": lines[3] = lines[3].Replace("\"frame\":", "\"frame\":1", StringComparison.Ordinal); break;
            case "delete a middle line": lines.RemoveAt(3); break;
            case "swap a pair": (lines[3], lines[4]) = (lines[4], lines[3]); break;
            case "add a field": lines[3] = lines[3].Replace("{\"seq\":3,", "{\"seq\":3,\"note\":\"x\",", StringComparison.Ordinal); break;
            default: lines[3] = lines[3].Replace("\"data\":{", "\"data\":{\"extra\":1,", StringComparison.Ordinal); break;
        }
        Assert.That(lines.Count, Is.GreaterThan(5), "the tampered trail has lines after the broken one");
        File.WriteAllLines(path, lines);

        var verification = AuditVerifier.Verify(path);

        Assert.That(verification.IsIntact, Is.False);
        Assert.That(verification.BrokenAtLine, Is.EqualTo(brokenLine), verification.Problem);
        Assert.That(verification.Problem, Does.Contain(path).And.Contain($"line {brokenLine}"));
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task Verify_LastLinesDeleted_IsCaughtAsCutShort(int removed)
    {
        string path = await AuditedRunAsync();
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveRange(lines.Count - removed, removed);
        File.WriteAllLines(path, lines);

        var verification = AuditVerifier.Verify(path);

        Assert.That(verification.IsIntact, Is.False);
        Assert.That(verification.Problem, Does.Contain("no closing 'end' record").And.Contain("cut short"));
    }

    [Test]
    public async Task Verify_WithTheKey_CatchesAChainRecomputedAfterAnEdit()
    {
        string keyFile = Path.Combine(directory, "site.key");
        File.WriteAllBytes(keyFile, Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());
        AuditKey key = AuditKey.FromFile(keyFile);
        string path = await AuditedRunAsync(key);
        Assert.That(AuditVerifier.Verify(path, key).IsIntact, Is.True, "the keyed trail verifies with its key");
        Assert.That(AuditVerifier.Verify(path, key).KeyChecked, Is.True);

        // An attacker without the key edits a result and recomputes every seal as plain SHA-256, and also as an HMAC with a guessed key.
        var forged = Recompute(File.ReadAllLines(path).Select(l => l.Replace("\"frame\":2,", "\"frame\":3,", StringComparison.Ordinal)).ToList(), null);
        File.WriteAllLines(path, forged);
        var plain = AuditVerifier.Verify(path, key);
        File.WriteAllLines(path, Recompute(forged, new byte[32]));
        var guessed = AuditVerifier.Verify(path, key);

        Assert.Multiple(() =>
        {
            Assert.That(plain.IsIntact, Is.False, "a recomputed SHA-256 chain fails with the key");
            Assert.That(guessed.IsIntact, Is.False, "a chain sealed with another key fails");
            Assert.That(guessed.BrokenAtLine, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Verify_WithoutAKey_ARecomputedChainPasses_AsTheDocsSay()
    {
        string path = await AuditedRunAsync();
        File.WriteAllLines(path, Recompute(File.ReadAllLines(path).Select(l => l.Replace("\"frame\":2,", "\"frame\":3,", StringComparison.Ordinal)).ToList(), null));

        Assert.That(AuditVerifier.Verify(path).IsIntact, Is.True, "without a key anyone can recompute SHA-256: the limit docs/streaming.md states");
    }

    /// <summary>What a forger does: rewrites prev and hash of every line (SHA-256, or HMAC with <paramref name="guessedKey"/>).</summary>
    static List<string> Recompute(List<string> lines, byte[]? guessedKey)
    {
        string previous = AuditChain.Genesis;
        var output = new List<string>();
        foreach (string line in lines)
        {
            string body = line[..line.LastIndexOf(AuditChain.HashPrefix, StringComparison.Ordinal)];
            body = System.Text.RegularExpressions.Regex.Replace(body, "\"prev\":\"[0-9a-f]{64}\"$", $"\"prev\":\"{previous}\"");
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
            string hash = Convert.ToHexStringLower(guessedKey is null ? System.Security.Cryptography.SHA256.HashData(bytes) : System.Security.Cryptography.HMACSHA256.HashData(guessedKey, bytes));
            output.Add($"{body}{AuditChain.HashPrefix}{hash}\"}}");
            previous = hash;
        }
        return output;
    }
}
