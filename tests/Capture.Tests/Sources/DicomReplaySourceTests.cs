using System.Diagnostics;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Tests.Writing;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Sources;

[TestFixture]
public sealed class DicomReplaySourceTests : TempFolderTest
{

    string Write(string name, XaRunToWrite run)
    {
        var path = Path.Combine(Dir, name);
        XaMultiFrameWriter.Write(path, run);
        return path;
    }

    static async Task<(List<Frame> Frames, List<SourceFault> Faults)> Collect(IFrameSource source, int max = int.MaxValue)
    {
        var frames = new List<Frame>();
        var faults = new List<SourceFault>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var frame in source.ReadAsync(faults.Add, cancel.Token))
        {
            frames.Add(frame);
            if (frames.Count >= max) break;
        }
        return (frames, faults);
    }

    [Test]
    public async Task FileReplaysEveryFrameWithItsTimeAndPixels()
    {
        var run = TestRuns.Noisy(21, rows: 16, columns: 16, frames: 4, timesMs: [0, 100, 150, 400]);
        var (frames, faults) = await Collect(new DicomReplaySource(Write("a.dcm", run), new ReplayOptions { Speed = null }));
        Assert.Multiple(() =>
        {
            Assert.That(faults, Is.Empty);
            Assert.That(frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2, 3 }));
            Assert.That(frames.Select(f => f.Time.TotalMilliseconds), Is.EqualTo(new[] { 0, 100, 150, 400 }).Within(1e-6));
            Assert.That(frames.Select(f => f.Pixels), Is.EqualTo(run.Frames));
            Assert.That(frames[0].Series.SourceName, Is.EqualTo("a.dcm"));
        });
    }

    [Test]
    public async Task FolderReplaysFilesInNameOrderReportsBrokenDicomAndSkipsOtherFilesQuietly()
    {
        Write("b.dcm", TestRuns.Noisy(22, rows: 8, columns: 8, frames: 2) with { SeriesInstanceUid = "2.25.2" });
        Write("a.dcm", TestRuns.Noisy(23, rows: 8, columns: 8, frames: 3) with { SeriesInstanceUid = "2.25.1" });
        // A DICOM file cut inside its data set: DICOM by content, so a fault; the sidecars are not DICOM, so skipped.
        var whole = File.ReadAllBytes(Path.Combine(Dir, "a.dcm"));
        File.WriteAllBytes(Path.Combine(Dir, "c-cut.dcm"), whole[..200]);
        File.WriteAllText(Path.Combine(Dir, "a.json"), "{\"truth\": []}");
        File.WriteAllText(Path.Combine(Dir, "README.md"), "# runs");
        File.WriteAllText(Path.Combine(Dir, "make.sh"), "#!/bin/sh\necho hi\n");
        var logger = new CollectingLogger();
        var (frames, faults) = await Collect(new DicomReplaySource(Dir, new ReplayOptions { Speed = null }, logger: logger));
        Assert.Multiple(() =>
        {
            Assert.That(frames.Select(f => f.Series.SeriesInstanceUid), Is.EqualTo(new[] { "2.25.1", "2.25.1", "2.25.1", "2.25.2", "2.25.2" }));
            Assert.That(faults.Single().SourceName, Is.EqualTo("c-cut.dcm"));
            Assert.That(faults.Single().Exception, Is.TypeOf<Dicom.DicomFileException>());
            var skipped = logger.Entries.Where(e => e.Message.Contains("not a DICOM file")).ToList();
            Assert.That(skipped.Select(e => e.Level), Is.All.EqualTo(Microsoft.Extensions.Logging.LogLevel.Debug));
            Assert.That(skipped.Select(e => e.Message.Split(' ')[1]), Is.EquivalentTo(new[] { "README.md", "a.json", "make.sh" }));
        });
    }

    [Test]
    public async Task AFileNamedOnItsOwnIsTriedEvenWhenItIsNotDicom()
    {
        var path = Path.Combine(Dir, "notes.txt");
        File.WriteAllText(path, "not DICOM");
        var (frames, faults) = await Collect(new DicomReplaySource(path, new ReplayOptions { Speed = null }));
        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.Empty);
            Assert.That(faults.Single().SourceName, Is.EqualTo("notes.txt"));
            Assert.That(faults.Single().Exception, Is.TypeOf<Dicom.DicomFileException>());
        });
    }

    [Test]
    public async Task AFolderWithoutDicomFilesIsOneFault()
    {
        File.WriteAllText(Path.Combine(Dir, "README.md"), "# nothing here");
        var (frames, faults) = await Collect(new DicomReplaySource(Dir, new ReplayOptions { Speed = null }));
        Assert.That(faults.Single().Reason, Does.Contain("no DICOM files to replay"));
        Assert.That(frames, Is.Empty);
    }

    [Test]
    public async Task LoopStartsAgainAfterTheLastFrame()
    {
        var (frames, _) = await Collect(new DicomReplaySource(Write("a.dcm", TestRuns.Noisy(24, rows: 8, columns: 8, frames: 2)), new ReplayOptions { Speed = null, Loop = true }), max: 5);
        Assert.That(frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 0, 1, 0 }));
    }

    [Test]
    public async Task SpeedFactorPacesFramesByTheFilesTiming()
    {
        var path = Write("a.dcm", TestRuns.Noisy(25, rows: 8, columns: 8, frames: 4, timesMs: [0, 100, 200, 300]));
        var watch = Stopwatch.StartNew();
        var (frames, _) = await Collect(new DicomReplaySource(path, new ReplayOptions { Speed = 2 }));
        Assert.Multiple(() =>
        {
            Assert.That(frames, Has.Count.EqualTo(4));
            Assert.That(watch.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(145), "300 ms of run at speed 2 takes at least 150 ms");
        });
    }

    [Test]
    public async Task TruncatedFileFaultsItsFrameOnly()
    {
        var (frames, faults) = await Collect(new DicomReplaySource(Samples.PathOf("pydicom_MR_truncated.dcm"), new ReplayOptions { Speed = null }));
        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.Empty);
            Assert.That(faults.Single().FrameIndex, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task ColourRunIsRefusedWithOneFault()
    {
        var (frames, faults) = await Collect(new DicomReplaySource(Samples.PathOf("clearcanvas_US_IM00001_implicit_8f_rgb.dcm"), new ReplayOptions { Speed = null }));
        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.Empty);
            Assert.That(faults.Single().Reason, Does.Contain("RGB"));
        });
    }
}
