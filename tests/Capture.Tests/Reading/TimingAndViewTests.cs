using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Tests.Reading;

[TestFixture]
public sealed class TimingAndViewTests
{
    static DicomDataSet DataSet(Func<SyntheticDataSets, SyntheticDataSets> elements) =>
        DicomFile.Parse(elements(SyntheticDataSets.Part10()).ToArray(), "timing.dcm").DataSet;

    [Test]
    public void FrameTimeVectorWithLeadingZeroIsCumulative()
    {
        var timing = FrameTiming.From(DataSet(s => s.Text(0x0018, 0x1065, "DS", @"0\40\60\40")), 4);
        Assert.That(timing.Seconds, Is.EqualTo(new[] { 0, 0.04, 0.1, 0.14 }).Within(1e-12));
    }

    [Test]
    public void FrameTimeVectorWithoutLeadingZeroIsCumulative()
    {
        var timing = FrameTiming.From(DataSet(s => s.Text(0x0018, 0x1065, "DS", @"40\60\40")), 4);
        Assert.That(timing.Seconds, Is.EqualTo(new[] { 0, 0.04, 0.1, 0.14 }).Within(1e-12));
    }

    [Test]
    public void CineRateIsUsedWithoutFrameTime()
    {
        var timing = FrameTiming.From(DataSet(s => s.Text(0x0018, 0x0040, "IS", "25")), 3);
        Assert.Multiple(() =>
        {
            Assert.That(timing.Source, Is.EqualTo(FrameTimingSource.CineRate));
            Assert.That(timing.Seconds, Is.EqualTo(new[] { 0, 0.04, 0.08 }).Within(1e-12));
        });
    }

    [Test]
    public void RecommendedDisplayRateComesAfterCineRate()
    {
        var timing = FrameTiming.From(DataSet(s => s.Text(0x0008, 0x2144, "IS", "10")), 2);
        Assert.That((timing.Source, timing.Seconds[1]), Is.EqualTo((FrameTimingSource.RecommendedDisplayFrameRate, 0.1)));
    }

    [Test]
    public void ConfiguredFpsWhenTheFileHasNoTiming()
    {
        var timing = FrameTiming.From(DataSet(s => s.Text(0x0008, 0x0060, "CS", "XA")), 3, fallbackFps: 4);
        Assert.That((timing.Source, timing.Seconds[2]), Is.EqualTo((FrameTimingSource.Configured, 0.5)));
    }

    [Test]
    public void SampleCineHasFrameTime()
    {
        var run = DicomRun.Open(Samples.PathOf("rubo_XA_0002_jpeg-baseline_96f.dcm"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Timing.Source, Is.EqualTo(FrameTimingSource.FrameTime));
            Assert.That(run.Timing.Seconds[1], Is.EqualTo(run.File.DataSet.GetDecimal(DicomTags.FrameTime)!.Value / 1000).Within(1e-12));
            Assert.That(run.Series.View, Is.EqualTo("AP"));
        });
    }

    [Test]
    public void UltrasoundSampleHasFrameTimeVector() =>
        Assert.That(DicomRun.Open(Samples.PathOf("clearcanvas_US_IM00001_implicit_8f_rgb.dcm")).Timing.Source, Is.EqualTo(FrameTimingSource.FrameTimeVector));

    [TestCase(0, "AP")]
    [TestCase(-30, "AP")]
    [TestCase(44, "AP")]
    [TestCase(90, "LAT")]
    [TestCase(-90, "LAT")]
    [TestCase(180, "AP")]
    [TestCase(-140, "AP")]
    [TestCase(120, "LAT")]
    public void ViewFromPrimaryAngle(double degrees, string view) => Assert.That(ProjectionView.FromPrimaryAngle(degrees), Is.EqualTo(view));

    [Test]
    public void ColourRunsAreRefusedAsGrayscaleFrames()
    {
        var run = DicomRun.Open(Samples.PathOf("clearcanvas_US_IM00001_implicit_8f_rgb.dcm"));
        Assert.That(() => run.ReadFrame(0), Throws.TypeOf<DicomFileException>().With.Message.Contains("RGB"));
    }

    [Test]
    public void SignedFramesAreOffsetToKeepOrder()
    {
        var run = DicomRun.Open(Samples.PathOf("pydicom_MR_small.dcm"));
        var stored = run.Pixels.DecodeFrame(0);
        var frame = run.ReadFrame(0);
        Assert.That(Enumerable.Range(0, 50).Select(i => frame.Pixels[i] - 32768), Is.EqualTo(Enumerable.Range(0, 50).Select(stored.ValueAt)));
    }
}
