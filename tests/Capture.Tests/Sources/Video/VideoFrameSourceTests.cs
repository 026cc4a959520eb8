using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Sources.Video;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Sources.Video;

/// <summary>
/// The video path end to end with the real FFmpeg: two small runs placed into a (small) monitor layout, H.264-encoded,
/// read back through <see cref="VideoFrameSource"/>.
/// </summary>
[TestFixture]
public sealed class VideoFrameSourceTests : TempFolderTest
{
    const int Side = 256, FramesPerRun = 6;
    static readonly MonitorLayout Small = new() { Width = 640, Height = 360, ImageX = 60, ImageY = 90, LeadSeconds = 0.5, GapSeconds = 1 };

    string video = "";
    List<XaRunToWrite> runs = [];
    List<string> files = [];

    [SetUp]
    public void MakeVideo()
    {
        runs = [Run(1, fps: 4), Run(2, fps: 3)];
        files = runs.Select((r, i) => { string p = Path.Combine(Dir, $"run{i}.dcm"); XaMultiFrameWriter.Write(p, r); return p; }).ToList();
        video = Path.Combine(Dir, "layout.mp4");
        MonitorLayoutVideo.Write(files, video, Small);
    }

    /// <summary>10-bit frames with a disc that moves and noise, shown through the full-range window (so the default mapping inverts it).</summary>
    static XaRunToWrite Run(int seed, double fps)
    {
        var rng = new Random(seed);
        var frames = Enumerable.Range(0, FramesPerRun).Select(k =>
        {
            var f = new ushort[Side * Side];
            int cx = 60 + 24 * k, cy = 100 + 10 * seed;
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                    f[y * Side + x] = (ushort)Math.Clamp(500 + x + ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 800 ? -250 : 0) + rng.Next(-40, 41), 0, 1023);
            return f;
        }).ToList();
        return Written(seed, fps, frames);
    }

    /// <summary>
    /// DSA-like 10-bit frames: a fixed texture (the anatomy, +-20 stored values), a pattern whose contrast grows from frame
    /// to frame all over the image (the contrast filling vessels) and fresh noise of +-8 in every frame.
    /// </summary>
    static XaRunToWrite Textured(int seed, double fps)
    {
        var texture = new Random(seed);
        int[] anatomy = Enumerable.Range(0, Side * Side).Select(_ => texture.Next(-20, 21)).ToArray();
        var rng = new Random(seed + 100);
        var frames = Enumerable.Range(0, FramesPerRun).Select(k =>
        {
            var f = new ushort[Side * Side];
            for (int y = 0; y < Side; y++)
                for (int x = 0; x < Side; x++)
                    f[y * Side + x] = (ushort)Math.Clamp(450 + x / 2 + anatomy[y * Side + x] + 24 * k * Math.Sin(x / 9.0 + seed) * Math.Sin(y / 11.0) + rng.Next(-8, 9), 0, 1023);
            return f;
        }).ToList();
        return Written(seed, fps, frames);
    }

    static XaRunToWrite Written(int seed, double fps, List<ushort[]> frames) => new()
    {
        StudyInstanceUid = "1.2.3", SeriesInstanceUid = $"1.2.3.{seed}", SopInstanceUid = $"1.2.3.{seed}.1", Rows = Side, Columns = Side, BitsStored = 10,
        Frames = frames, FrameTimesMs = Enumerable.Range(0, FramesPerRun).Select(k => k * 1000 / fps).ToList(), WindowCenter = 512, WindowWidth = 1024,
    };

    static double MeanError(Frame found, ushort[] stored) => found.Pixels.Zip(stored, (a, b) => Math.Abs(a - b)).Average();

    static async Task<(List<Frame> Frames, List<SourceFault> Faults)> ReadAll(VideoFrameSource source)
    {
        var frames = new List<Frame>();
        var faults = new List<SourceFault>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (Frame frame in source.ReadAsync(f => { lock (faults) faults.Add(f); }, timeout.Token)) frames.Add(frame);
        return (frames, faults);
    }

    [Test]
    public async Task EveryDsaFrameIsFoundOnceWithItsRunAndItsStoredValues()
    {
        LayoutManifest manifest = LayoutManifest.Read(LayoutManifest.PathFor(video));
        var source = new VideoFrameSource(FfmpegInput.File(video), new VideoSourceOptions { Roi = manifest.Roi, ReadRate = null });
        var (frames, faults) = await ReadAll(source);

        Assert.That(faults, Is.Empty);
        Assert.That(frames, Has.Count.EqualTo(2 * FramesPerRun));
        var runs = frames.GroupBy(f => f.Series.SeriesInstanceUid).ToList();
        Assert.That(runs, Has.Count.EqualTo(2), "the black gap between the runs starts a new run");
        Assert.That(runs.Select(r => r.Select(f => f.Index)), Is.All.EqualTo(Enumerable.Range(0, FramesPerRun)));
        Assert.That(frames.Select(f => (f.Series.Columns, f.Series.Rows, f.Series.BitsStored)), Is.All.EqualTo((Side, Side, 10)));
        for (int r = 0; r < 2; r++)
        {
            for (int k = 0; k < FramesPerRun; k++)
            {
                Frame found = runs[r].ElementAt(k);
                double expected = k / (r == 0 ? 4.0 : 3.0);
                // H.264 B-frames can show a change a picture or two early or late (docs/video.md).
                Assert.That(found.Time.TotalSeconds, Is.EqualTo(expected).Within(3.0 / Small.Fps), $"run {r} frame {k}: time of its first picture");
                // x264 (CRF 18) smooths away part of the +-10-level noise: a few display levels (4 stored values each) of error.
                double error = MeanError(found, this.runs[r].Frames[k]);
                Assert.That(error, Is.LessThan(24), $"run {r} frame {k}: stored values back within a few display levels (H.264)");
                foreach (int other in new[] { k - 1, k + 1 }.Where(o => o is >= 0 and < FramesPerRun))
                    Assert.That(error, Is.LessThan(MeanError(found, this.runs[r].Frames[other])), $"run {r} frame {k} is closer to its own frame than to frame {other}");
            }
        }
        Assert.That(source.PicturesRead, Is.EqualTo(manifest.Pictures));
    }

    [Test]
    public async Task KeyPicturesInsideHeldFramesAreCodecRefreshesNotNewFrames()
    {
        // A key picture every half second (15 pictures, a low-latency stream's setting): most fall inside held frames
        // (20 and 30 pictures each) and re-code the image.
        double[] fps = [1.5, 1];
        var files = new[] { Textured(1, fps[0]), Textured(2, fps[1]) }.Select((r, i) => { string p = Path.Combine(Dir, $"textured{i}.dcm"); XaMultiFrameWriter.Write(p, r); return p; }).ToList();
        string video = Path.Combine(Dir, "short-gop.mp4"), trace = Path.Combine(Dir, "short-gop.csv");
        LayoutManifest manifest = MonitorLayoutVideo.Write(files, video, Small with { KeyInterval = 15 });
        var source = new VideoFrameSource(FfmpegInput.File(video), new VideoSourceOptions { Roi = manifest.Roi, ReadRate = null, TracePath = trace });
        var (frames, faults) = await ReadAll(source);

        Assert.That(faults, Is.Empty);
        var rows = File.ReadLines(trace).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.That(rows, Has.Count.EqualTo(manifest.Pictures));
        Assert.That(rows.Count(r => r[7] == "1"), Is.InRange(manifest.Pictures / 15, manifest.Pictures / 15 + 2), "FFmpeg reported the key pictures");
        Assert.That(frames, Has.Count.EqualTo(2 * FramesPerRun), "one frame out per DSA frame in");
        Assert.That(rows.Count(r => r[8] == "1"), Is.GreaterThan(0), "some key pictures changed the ROI like a new image, and were taken as refreshes");
        var runs = frames.GroupBy(f => f.Series.SeriesInstanceUid).ToList();
        Assert.That(runs, Has.Count.EqualTo(2));
        Assert.That(runs.Select(r => r.Select(f => f.Index)), Is.All.EqualTo(Enumerable.Range(0, FramesPerRun)));
        for (int r = 0; r < 2; r++)
            for (int k = 0; k < FramesPerRun; k++)
                Assert.That(runs[r].ElementAt(k).Time.TotalSeconds, Is.EqualTo(k / fps[r]).Within(3.0 / Small.Fps), $"run {r} frame {k}");
    }

    [Test]
    public async Task RoiAutoFindsTheImageAreaOfTheLayout()
    {
        LayoutManifest manifest = LayoutManifest.Read(LayoutManifest.PathFor(video));
        VideoRoi? found = null;
        var source = new VideoFrameSource(FfmpegInput.File(video), new VideoSourceOptions { AutoRoi = true, AutoRoiDuration = TimeSpan.FromSeconds(2), OnAutoRoi = r => found = r, ReadRate = null });
        var (frames, faults) = await ReadAll(source);

        Assert.That(faults, Is.Empty);
        Assert.That(found, Is.Not.Null);
        VideoRoi roi = found!.Value, truth = manifest.Roi;
        Assert.That(new[] { roi.X - truth.X, roi.Y - truth.Y, roi.X + roi.Width - truth.X - truth.Width, roi.Y + roi.Height - truth.Y - truth.Height },
            Is.All.InRange(-4, 4), $"found {roi}, layout {truth}");
        Assert.That(frames, Has.Count.EqualTo(2 * FramesPerRun), string.Join(" ", frames.Select(f => $"{f.Index}@{f.Time.TotalSeconds:0.000}")) + " roi " + found);
    }

    [Test]
    public async Task FaultsAreReportedNotThrown()
    {
        var missing = await ReadAll(new VideoFrameSource(FfmpegInput.File(video), new VideoSourceOptions { Program = Path.Combine(Dir, "no-ffmpeg"), ReadRate = null }));
        Assert.That(missing.Faults.Single().Reason, Does.Contain("Debian package 'ffmpeg'"));

        var outside = await ReadAll(new VideoFrameSource(FfmpegInput.File(video), new VideoSourceOptions { Roi = new VideoRoi(500, 200, 256, 256), ReadRate = null }));
        Assert.That(outside.Faults.Single().Reason, Does.Contain("outside the 640x360 picture"));

        var absent = await ReadAll(new VideoFrameSource(FfmpegInput.File(Path.Combine(Dir, "absent.mp4")), new VideoSourceOptions { ReadRate = null }));
        Assert.That(absent.Faults.Single().Reason, Does.StartWith("ffmpeg could not open absent.mp4").And.Contain("No such file"));

        Assert.That(new[] { missing.Frames, outside.Frames, absent.Frames }, Is.All.Empty);
    }
}
