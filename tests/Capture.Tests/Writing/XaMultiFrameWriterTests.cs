using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Writing;

[TestFixture]
public sealed class XaMultiFrameWriterTests
{
    static byte[] Bytes(XaRunToWrite run)
    {
        using var stream = new MemoryStream();
        XaMultiFrameWriter.Write(stream, run);
        return stream.ToArray();
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SameRunGivesIdenticalBytes(bool deflate)
    {
        var first = Bytes(TestRuns.Noisy(7) with { Deflate = deflate });
        var second = Bytes(TestRuns.Noisy(7) with { Deflate = deflate });
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void DifferentPixelsGiveDifferentBytes() =>
        Assert.That(Bytes(TestRuns.Noisy(8)), Is.Not.EqualTo(Bytes(TestRuns.Noisy(9))));

    [Test]
    public void DeflateMakesSmoothRunsMuchSmaller()
    {
        var smooth = TestRuns.Noisy(1, rows: 128, columns: 128, frames: 4) with
        {
            Frames = Enumerable.Range(0, 4).Select(f => Enumerable.Range(0, 128 * 128).Select(i => (ushort)((i % 128) * 16 + f)).ToArray()).ToArray(),
        };
        var plain = Bytes(smooth);
        var deflated = Bytes(smooth with { Deflate = true });
        Assert.That(deflated.Length, Is.LessThan(plain.Length / 4));
    }

    [Test]
    public void FileStartsWithPreambleAndDicm()
    {
        var bytes = Bytes(TestRuns.Noisy(1));
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
        Assert.That(() => Bytes(run), Throws.ArgumentException.With.Message.Contains("frame 1"));
    }

    [Test]
    public void FrameOfWrongSizeIsRefused()
    {
        var run = TestRuns.Noisy(1) with { Frames = [new ushort[10], new ushort[10], new ushort[10], new ushort[10], new ushort[10]] };
        Assert.That(() => Bytes(run), Throws.ArgumentException.With.Message.Contains("frame 0"));
    }

    [Test]
    public void TimesNotMatchingFramesAreRefused() =>
        Assert.That(() => Bytes(TestRuns.Noisy(1) with { FrameTimesMs = [0, 1] }), Throws.ArgumentException);

    [Test]
    public void InvalidUidIsRefused() =>
        Assert.That(() => Bytes(TestRuns.Noisy(1) with { SopInstanceUid = "1.2.abc" }), Throws.ArgumentException.With.Message.Contains("SopInstanceUid"));
}
