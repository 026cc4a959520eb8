using System.Security.Cryptography;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Foundation.Tests;

/// <summary>
/// tests/data is what tests/data/SHA256SUMS says, file for file: a missing, extra or changed data file fails here by
/// name, before the tests that read it can fail (or pass) for a reason nobody sees.
/// </summary>
public sealed class TestDataTests
{
    static readonly string Manifest = Path.Combine(RepoPaths.TestData, "SHA256SUMS");

    static (string Hash, string Path)[] Listed() =>
        File.ReadAllLines(RepoPaths.Require(Manifest)).Where(l => l.Length > 0).Select(l => (l[..64], l[66..])).ToArray();

    [Test]
    public void EveryListedFileIsPresentWithItsChecksum()
    {
        var listed = Listed();
        Assert.That(listed, Has.Length.GreaterThanOrEqualTo(148), "the manifest lists the samples, oracle and YOLOX reference");
        Assert.Multiple(() =>
        {
            foreach (var (hash, path) in listed)
            {
                string full = Path.Combine(RepoPaths.TestData, path);
                if (!File.Exists(full)) { Assert.Fail($"missing: tests/data/{path}"); continue; }
                using var stream = File.OpenRead(full);
                Assert.That(Convert.ToHexStringLower(SHA256.HashData(stream)), Is.EqualTo(hash), $"tests/data/{path}");
            }
        });
    }

    [Test]
    public void EveryFileInTheFolderIsListed()
    {
        var onDisk = Directory.GetFiles(RepoPaths.Require(RepoPaths.TestData), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.TestData, f).Replace('\\', '/'))
            .Where(f => f is not "README.md" and not "SHA256SUMS");
        Assert.That(onDisk, Is.EquivalentTo(Listed().Select(l => l.Path)));
    }

    [Test]
    public void TheReadmeNamesEveryFileWithItsChecksum()
    {
        var rows = File.ReadAllLines(RepoPaths.Require(Path.Combine(RepoPaths.TestData, "README.md"))).Where(l => l.StartsWith("| `")).ToArray();
        var listed = Listed();
        Assert.That(listed, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (hash, path) in listed)
                Assert.That(rows.Where(r => r.StartsWith($"| `{path}` |") && r.EndsWith($"| `{hash}` |")).Count(), Is.EqualTo(1), path);
        });
    }
}
