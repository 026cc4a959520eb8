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

    [Test]
    public void SamplesArePresent() => Assert.That(Samples.WithChecksums().Count(), Is.GreaterThanOrEqualTo(30), Samples.Folder);

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
}
