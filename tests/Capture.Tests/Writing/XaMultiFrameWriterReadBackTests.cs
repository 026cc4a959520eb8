using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Writing;

/// <summary>The reader reads back exactly what the writer wrote: pixels, timing, view, spacing, series.</summary>
[TestFixture]
public sealed class XaMultiFrameWriterReadBackTests
{
    static DicomRun RoundTrip(XaRunToWrite run)
    {
        using var stream = new MemoryStream();
        XaMultiFrameWriter.Write(stream, run);
        return DicomRun.From(DicomFile.Parse(stream.ToArray(), "written.dcm"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void PixelsAndSeriesComeBackExactly(bool deflate)
    {
        var written = TestRuns.Noisy(11) with { Deflate = deflate, IsMonochrome1 = true };
        var run = RoundTrip(written);
        Assert.Multiple(() =>
        {
            Assert.That(run.Pixels.FrameCount, Is.EqualTo(written.Frames.Count));
            for (var f = 0; f < written.Frames.Count; f++)
                Assert.That(run.ReadFrame(f).Pixels, Is.EqualTo(written.Frames[f]), $"frame {f}");
            Assert.That(run.Series.SeriesInstanceUid, Is.EqualTo("2.25.1002"));
            Assert.That(run.Series.StudyInstanceUid, Is.EqualTo("2.25.1001"));
            Assert.That(run.Series.Modality, Is.EqualTo("XA"));
            Assert.That(run.Series.BitsStored, Is.EqualTo(12));
            Assert.That(run.Series.IsMonochrome1, Is.True);
            Assert.That(run.Series.PixelSpacingMm, Is.EqualTo(0.2));
            Assert.That(run.Series.View, Is.EqualTo("AP"));
            Assert.That(run.Series.WindowCenter, Is.EqualTo(2048));
            Assert.That(run.File.TransferSyntax.IsDeflated, Is.EqualTo(deflate));
        });
    }

    [Test]
    public void EqualSpacingComesBackAsFrameTime()
    {
        var run = RoundTrip(TestRuns.Noisy(12, frames: 4, timesMs: [0, 1000 / 7.5, 2000 / 7.5, 3000 / 7.5]));
        Assert.Multiple(() =>
        {
            Assert.That(run.Timing.Source, Is.EqualTo(FrameTimingSource.FrameTime));
            Assert.That(run.Timing.Seconds, Is.EqualTo(new[] { 0, 1 / 7.5, 2 / 7.5, 3 / 7.5 }).Within(1e-9));
        });
    }

    [Test]
    public void UnequalSpacingComesBackAsFrameTimeVector()
    {
        var run = RoundTrip(TestRuns.Noisy(13, frames: 4, timesMs: [0, 100, 150, 400]));
        Assert.Multiple(() =>
        {
            Assert.That(run.Timing.Source, Is.EqualTo(FrameTimingSource.FrameTimeVector));
            Assert.That(run.Timing.Seconds, Is.EqualTo(new[] { 0, 0.1, 0.15, 0.4 }).Within(1e-9));
        });
    }

    [Test]
    public void LateralAngleComesBackAsLateral() =>
        Assert.That(RoundTrip(TestRuns.Noisy(14) with { PositionerPrimaryAngleDeg = 88 }).Series.View, Is.EqualTo("LAT"));
}
