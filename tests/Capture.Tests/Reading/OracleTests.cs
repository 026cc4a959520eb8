using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Tests.Reading;

/// <summary>Every sample with an oracle decodes as dcmtk decodes it: identical stored values (lossless) or within ±1 (lossy JPEG).</summary>
[TestFixture]
public sealed class OracleTests
{
    static IEnumerable<string> Lossless() => Samples.WithChecksums().Where(n => !IsLossy(n));
    static IEnumerable<string> Lossy() => Samples.WithChecksums().Where(IsLossy);

    static bool IsLossy(string name) => DicomFile.Open(Samples.PathOf(name)).TransferSyntax.IsLossy;

    /// <summary>The case lists below come from the oracle's index: it names every sample, and none is silently dropped.</summary>
    [Test]
    public void TheOracleIndexNamesEverySampleAndTheCaseListsAreComplete()
    {
        Assert.That(Samples.All(), Is.EquivalentTo(Directory.GetFiles(Samples.Folder, "*.dcm").Select(Path.GetFileName)));
        Assert.Multiple(() =>
        {
            Assert.That(Samples.All().Count(), Is.EqualTo(38));
            Assert.That(Lossless().Count(), Is.EqualTo(30));
            Assert.That(Lossy().Count(), Is.EqualTo(4));
        });
    }

    [TestCaseSource(nameof(Lossless))]
    public void LosslessChecksumsAreIdentical(string name)
    {
        var pixels = PixelData.From(DicomFile.Open(Samples.PathOf(name)));
        var expected = Samples.OracleRows(name);
        Assert.That(pixels.FrameCount, Is.EqualTo(expected.Length));
        for (var f = 0; f < pixels.FrameCount; f++)
            Assert.That(FrameChecksum.Of(pixels.DecodeFrame(f)).ToTsv(), Is.EqualTo(expected[f]), $"frame {f + 1}");
    }

    [TestCaseSource(nameof(Lossy))]
    public void LossyFramesAreWithinOneOfDcmtk(string name)
    {
        var pixels = PixelData.From(DicomFile.Open(Samples.PathOf(name)));
        var maxDifference = 0;
        var compared = 0;
        foreach (var (frame, pgm) in Samples.OraclePgms(name))
        {
            var (_, expected) = Samples.ReadPgm(pgm);
            var decoded = pixels.DecodeFrame(frame - 1);
            Assert.That(decoded.Samples, Has.Length.EqualTo(expected.Length));
            for (var i = 0; i < expected.Length; i++) maxDifference = Math.Max(maxDifference, Math.Abs(decoded.ValueAt(i) - expected[i]));
            compared++;
        }
        TestContext.Out.WriteLine($"{name}: {compared} frames, max difference to dcmtk {maxDifference}");
        Assert.That(compared, Is.Positive);
        Assert.That(maxDifference, Is.LessThanOrEqualTo(1));
    }

    /// <summary>Lossy files keep PGMs only for some frames; every frame's min, max and mean still agree with dcmtk's.</summary>
    [TestCaseSource(nameof(Lossy))]
    public void LossyFrameStatisticsAgreeWithDcmtkOnEveryFrame(string name)
    {
        var pixels = PixelData.From(DicomFile.Open(Samples.PathOf(name)));
        var expected = Samples.OracleRows(name);
        Assert.That(pixels.FrameCount, Is.EqualTo(expected.Length));
        for (var f = 0; f < pixels.FrameCount; f++)
        {
            var ours = FrameChecksum.Of(pixels.DecodeFrame(f));
            var theirs = expected[f].Split('\t');
            Assert.Multiple(() =>
            {
                Assert.That(ours.Min, Is.EqualTo(int.Parse(theirs[5])).Within(1), $"frame {f + 1} min");
                Assert.That(ours.Max, Is.EqualTo(int.Parse(theirs[6])).Within(1), $"frame {f + 1} max");
                Assert.That(ours.Mean, Is.EqualTo(double.Parse(theirs[7], System.Globalization.CultureInfo.InvariantCulture)).Within(0.05), $"frame {f + 1} mean");
            });
        }
    }
}
