using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Output;

namespace OccluNet.Live.Phantom.Tests;

public class OutputTests
{
    string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("phantom-out-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, recursive: true);

    [TestCase(false)]
    [TestCase(true)]
    public void SameSeedWritesByteIdenticalDicomAndJson(bool deflate)
    {
        var options = SmallRuns.Options(OcclusionClass.M1) with { NoMotion = false };
        var a = RunWriter.Write(PhantomGenerator.Generate(71, options), Path.Combine(dir, "a"), deflate);
        var b = RunWriter.Write(PhantomGenerator.Generate(71, options), Path.Combine(dir, "b"), deflate);
        Assert.That(File.ReadAllBytes(b.Dicom), Is.EqualTo(File.ReadAllBytes(a.Dicom)));
        Assert.That(File.ReadAllBytes(b.Json), Is.EqualTo(File.ReadAllBytes(a.Json)));
        var other = RunWriter.Write(PhantomGenerator.Generate(72, options), Path.Combine(dir, "c"), deflate);
        Assert.That(File.ReadAllBytes(other.Dicom), Is.Not.EqualTo(File.ReadAllBytes(a.Dicom)));
    }

    [TestCase(1.0)]
    [TestCase(4.0)]
    [TestCase(1.5)]
    public void DicomTimingReproducesTheChosenFps(double fps)
    {
        var run = PhantomGenerator.Generate(73, SmallRuns.Options(null, frames: 6, fps: fps));
        var (dicom, _) = RunWriter.Write(run, dir, deflate: true);
        var read = DicomRun.Open(dicom);
        Assert.That(read.Timing.FramesPerSecond, Is.EqualTo(fps).Within(1e-6));
        Assert.That(read.Timing.Source, Is.EqualTo(Capture.Imaging.FrameTimingSource.FrameTime), "a constant rate is written as Frame Time");
        Assert.That(read.Timing.Seconds.Count, Is.EqualTo(6));
        var frame = read.ReadFrame(3);
        Assert.That(frame.Pixels, Is.EqualTo(run.Frames[3]), "pixels survive the round trip");
        Assert.That(frame.Series.Modality, Is.EqualTo("XA"));
    }

    [Test]
    public void VariableRateRunsKeepTheirFrameTimes()
    {
        // Seed search is deterministic: the first seed whose sampled run has a variable frame rate.
        ulong seed = Enumerable.Range(1, 400).Select(s => (ulong)s).First(s => CaseSampler.Sample(s, new PhantomOptions { Size = 64 }).Acquisition.VariableRate);
        var run = PhantomGenerator.Generate(seed, new PhantomOptions { Size = 64, NoMotion = true });
        var (dicom, _) = RunWriter.Write(run, dir, deflate: false);
        var read = DicomRun.Open(dicom);
        Assert.That(read.Timing.Source, Is.EqualTo(Capture.Imaging.FrameTimingSource.FrameTimeVector));
        for (int i = 0; i < run.FrameTimesMs.Length; i++)
            Assert.That(read.Timing.Seconds[i] * 1000, Is.EqualTo(run.FrameTimesMs[i]).Within(0.01), $"frame {i}");
    }

    [Test]
    public async Task FrameSourcePlaysTheRunAtItsTiming()
    {
        var run = PhantomGenerator.Generate(74, SmallRuns.Options(null, frames: 4, fps: 10));
        var source = new PhantomFrameSource(run, speed: 1.0);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var frames = new List<Capture.Sources.Frame>();
        await foreach (var f in source.ReadAsync(_ => Assert.Fail("no faults expected"), CancellationToken.None)) frames.Add(f);
        Assert.That(frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(frames[2].Time.TotalMilliseconds, Is.EqualTo(200).Within(1e-6));
        Assert.That(frames[3].Pixels, Is.EqualTo(run.Frames[3]));
        Assert.That(started.Elapsed.TotalMilliseconds, Is.GreaterThanOrEqualTo(290), "the last frame is due 300 ms after the first");
    }
}
