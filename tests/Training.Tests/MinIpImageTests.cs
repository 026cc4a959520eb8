namespace OccluNet.Live.Training.Tests;

public sealed class MinIpImageTests
{
    [Test]
    public void EachPixelIsTheMinimumOverAllFrames()
    {
        var random = new Random(3);
        var frames = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 50).Select(_ => (ushort)random.Next(0, 1024)).ToArray()).ToArray();
        var minIp = MinIpImage.Build(frames);
        for (int i = 0; i < 50; i++)
            Assert.That(minIp[i], Is.EqualTo(frames.Min(f => f[i])), $"pixel {i}");
        Assert.That(frames[0], Is.Not.EqualTo(minIp), "the first frame must not be modified or returned");
    }

    [Test]
    public void FramesOfDifferentSizesAreRefused() =>
        Assert.That(() => MinIpImage.Build([new ushort[4], new ushort[5]]), Throws.ArgumentException.With.Message.Contains("frame 1"));
}
