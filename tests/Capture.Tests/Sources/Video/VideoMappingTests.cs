using OccluNet.Live.Capture.Sources.Video;

namespace OccluNet.Live.Capture.Tests.Sources.Video;

[TestFixture]
public sealed class VideoMappingTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void DisplayThenBackLandsWithinOneWindowStep(bool inverted)
    {
        var grey = new VideoGreyMapping(400, 600, inverted);
        ushort[] back = grey.ToStoredTable();
        double step = 600 / 256.0;
        for (int stored = 100; stored <= 700; stored += 7)
            Assert.That(back[grey.Display(stored)], Is.EqualTo(stored).Within(step), $"stored {stored}");
        Assert.That(back[grey.Display(0)], Is.EqualTo(101).Within(1), "values below the window stay at its low end");
    }

    [Test]
    public void FullRangeIsFourTimesTheDisplayValue()
    {
        ushort[] back = VideoGreyMapping.FullRange.ToStoredTable();
        Assert.That(back[0], Is.EqualTo(2));
        Assert.That(back[128], Is.EqualTo(514));
        Assert.That(back[255], Is.EqualTo(1022));
    }

    [TestCase("10,20,300,200", 10, 20, 300, 200)]
    [TestCase(" 0, 0, 16, 16 ", 0, 0, 16, 16)]
    public void RoiParses(string text, int x, int y, int w, int h) => Assert.That(VideoRoi.Parse(text), Is.EqualTo(new VideoRoi(x, y, w, h)));

    [TestCase("10,20,300")]
    [TestCase("a,b,c,d")]
    [TestCase("-1,0,100,100")]
    [TestCase("0,0,8,100")]
    public void BadRoisAreRefused(string text) => Assert.Throws<FormatException>(() => VideoRoi.Parse(text));

    [Test]
    public void AnRoiOutsideThePictureIsNamed()
    {
        Assert.That(new VideoRoi(1800, 100, 512, 512).ProblemIn(1920, 1080), Does.Contain("outside the 1920x1080 picture"));
        Assert.That(new VideoRoi(0, 0, 1920, 1080).ProblemIn(1920, 1080), Is.Null);
    }

    [Test]
    public void WindowsParse()
    {
        Assert.That(VideoGreyMapping.Parse("480,960"), Is.EqualTo(new VideoGreyMapping(480, 960)));
        Assert.That(VideoGreyMapping.Parse("480,960,inverted").Inverted, Is.True);
        Assert.Throws<FormatException>(() => VideoGreyMapping.Parse("480"));
        Assert.Throws<FormatException>(() => VideoGreyMapping.Parse("480,0"));
    }

    [Test]
    public void FfmpegInputArgumentsSplitLikeAShell()
    {
        var input = FfmpegInput.Live("-f v4l2 -video_size 1920x1080 -i '/dev/video 0'");
        Assert.That(input.Arguments, Is.EqualTo(new[] { "-f", "v4l2", "-video_size", "1920x1080", "-i", "/dev/video 0" }));
        Assert.That(input.IsFile, Is.False);
        Assert.Throws<FormatException>(() => FfmpegInput.Live("-f v4l2 /dev/video0"));
        Assert.Throws<FormatException>(() => FfmpegInput.Live("-i 'unclosed"));
    }
}
