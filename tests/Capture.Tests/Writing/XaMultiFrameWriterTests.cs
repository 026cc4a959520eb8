namespace OccluNet.Live.Capture.Tests.Writing;

[TestFixture]
public sealed class XaMultiFrameWriterTests
{

    [TestCase(false)]
    [TestCase(true)]
    public void SameRunGivesIdenticalBytes(bool deflate)
    {
        var first = TestRuns.Bytes(TestRuns.Noisy(7) with { Deflate = deflate });
        var second = TestRuns.Bytes(TestRuns.Noisy(7) with { Deflate = deflate });
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void DifferentPixelsGiveDifferentBytes() =>
        Assert.That(TestRuns.Bytes(TestRuns.Noisy(8)), Is.Not.EqualTo(TestRuns.Bytes(TestRuns.Noisy(9))));

    [Test]
    public void DeflateMakesSmoothRunsMuchSmaller()
    {
        var smooth = TestRuns.Noisy(1, rows: 128, columns: 128, frames: 4) with
        {
            Frames = Enumerable.Range(0, 4).Select(f => Enumerable.Range(0, 128 * 128).Select(i => (ushort)((i % 128) * 16 + f)).ToArray()).ToArray(),
        };
        var plain = TestRuns.Bytes(smooth);
        var deflated = TestRuns.Bytes(smooth with { Deflate = true });
        Assert.That(deflated.Length, Is.LessThan(plain.Length / 4));
    }

    [Test]
    public void FileStartsWithPreambleAndDicm()
    {
        var bytes = TestRuns.Bytes(TestRuns.Noisy(1));
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Take(128), Is.All.Zero);
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 128, 4), Is.EqualTo("DICM"));
        });
    }

    [Test]
    public void ValueAboveBitsStoredIsRefused()
    {
        var run = TestRuns.Noisy(1, bitsStored: 10);
        run.Frames[1][3] = 1024;
        Assert.That(() => TestRuns.Bytes(run), Throws.ArgumentException.With.Message.Contains("frame 1"));
    }

    [Test]
    public void FrameOfWrongSizeIsRefused()
    {
        var run = TestRuns.Noisy(1) with { Frames = [new ushort[10], new ushort[10], new ushort[10], new ushort[10], new ushort[10]] };
        Assert.That(() => TestRuns.Bytes(run), Throws.ArgumentException.With.Message.Contains("frame 0"));
    }

    [Test]
    public void TimesNotMatchingFramesAreRefused() =>
        Assert.That(() => TestRuns.Bytes(TestRuns.Noisy(1) with { FrameTimesMs = [0, 1] }), Throws.ArgumentException);

    [Test]
    public void InvalidUidIsRefused() =>
        Assert.That(() => TestRuns.Bytes(TestRuns.Noisy(1) with { SopInstanceUid = "1.2.abc" }), Throws.ArgumentException.With.Message.Contains("SopInstanceUid"));
}
