using System.Text.Json;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Imaging;
using OccluNet.Live.Phantom.Output;

namespace OccluNet.Live.Phantom.Tests;

/// <summary>Each phantom-2 feature measurably present in small runs (docs/phantom.md "Phantom 2").</summary>
public class Phantom2Tests
{
    /// <summary>A whole-head field (neck included, so the guide catheter shows) at 128 px, still, phantom 2.</summary>
    static PhantomOptions Head(bool devices, bool native, OcclusionClass? cls = OcclusionClass.M1) => new()
    {
        Size = 128, Frames = 4, Fps = 2, View = PhantomView.Lateral, Class = cls, Negative = cls == null ? NegativeKind.Normal : null,
        NoMotion = true, PhantomVersion = 2, Devices = devices, Native = native,
    };

    [Test]
    public void PhantomOneIsTheDefaultAndItsTruthHasNoPhantomTwoFields()
    {
        var run = PhantomGenerator.Generate(5, SmallRuns.Options(OcclusionClass.M1));
        string json = JsonSerializer.Serialize(run.GroundTruth, DomainJson.Options);
        Assert.That(run.GroundTruth.GeneratorVersion, Is.EqualTo("phantom-1"));
        Assert.That(json, Does.Not.Contain("phantom2").And.Not.Contain("\"devices\"").And.Not.Contain("maskFrame"));
        var two = PhantomGenerator.Generate(5, SmallRuns.Options(OcclusionClass.M1) with { PhantomVersion = 2 });
        Assert.That(two.GroundTruth.GeneratorVersion, Is.EqualTo("phantom-2"));
        Assert.That(JsonSerializer.Serialize(two.GroundTruth, DomainJson.Options), Does.Contain("\"phantom2\"").And.Contain("\"devices\""));
    }

    [Test]
    public void PhantomTwoGrowsDenserCorticalTreesThatCoverMorePixels()
    {
        var one = PhantomScene.Build(CaseSampler.Sample(3, Head(false, false) with { PhantomVersion = 1, Devices = null, Native = null }), 128);
        var two = PhantomScene.Build(CaseSampler.Sample(3, Head(false, false)), 128);
        int Cortical(PhantomScene s) => s.Tree.Edges.Count(e => e.Segment is VesselSegment.McaDistal or VesselSegment.AcaDistal);
        int Visible(PhantomScene s) // pixels where a cortical artery of at least 0.3 mm diameter passes
        {
            var covered = new HashSet<int>();
            foreach (var e in s.Tree.Edges.Where(e => e.Segment is VesselSegment.McaDistal or VesselSegment.AcaDistal && e.MeanRadius >= 0.15))
                foreach (int p in s.Stamps.PixelsOf(e.Id)) covered.Add(p);
            return covered.Count;
        }
        TestContext.Out.WriteLine($"cortical edges {Cortical(one)} -> {Cortical(two)}, pixels {Visible(one)} -> {Visible(two)}");
        Assert.That(Cortical(two), Is.GreaterThan(3 * Cortical(one)));
        Assert.That(Visible(two), Is.GreaterThan(1.5 * Visible(one)));
    }

    [Test]
    public void GuideCatheterIsDarkAlongItsPathInTheNativeMaskFrame()
    {
        var with = PhantomGenerator.Generate(8, Head(devices: true, native: true));
        var without = PhantomGenerator.Generate(8, Head(devices: false, native: true));
        var devices = with.GroundTruth.Devices!;
        Assert.That(devices.GuideCatheter, Is.True);
        var pixels = PathPixels(devices.GuideCatheterPath, with.Width, with.Height);
        TestContext.Out.WriteLine($"{pixels.Count} catheter pixels in the image");
        Assert.That(pixels.Count, Is.GreaterThan(10), "the catheter runs through the field");
        int darker = pixels.Count(p => with.Frames[0][p] < without.Frames[0][p]);
        double meanDrop = pixels.Average(p => without.Frames[0][p] - with.Frames[0][p]);
        Assert.That(darker, Is.GreaterThan(0.8 * pixels.Count), "catheter pixels darker than the same pixels without devices");
        Assert.That(meanDrop, Is.GreaterThan(0.01 * ((1 << with.BitsStored) - 1)));
    }

    [Test]
    public void MarkersSitAtTheirTruthPositions()
    {
        var with = PhantomGenerator.Generate(8, Head(devices: true, native: true));
        var without = PhantomGenerator.Generate(8, Head(devices: false, native: true));
        var markers = with.GroundTruth.Devices!.Markers
            .Select(m => ((int)m.X, (int)m.Y, m.Device)).Where(m => m.Item1 >= 1 && m.Item2 >= 1 && m.Item1 < with.Width - 1 && m.Item2 < with.Height - 1).ToList();
        Assert.That(markers.Count, Is.GreaterThanOrEqualTo(4), "microcatheter (2) and stent retriever (4) markers inside the image");
        Assert.That(markers.Select(m => m.Device), Does.Contain("microcatheter").And.Contain("stent-retriever"));
        int full = (1 << with.BitsStored) - 1;
        foreach (var (x, y, device) in markers)
        {
            int at = y * with.Width + x;
            Assert.That(without.Frames[0][at] - with.Frames[0][at], Is.GreaterThan(0.03 * full), $"{device} marker at {x},{y}");
        }
    }

    [Test]
    public void DevicesCancelInAStillSubtractedRun()
    {
        var with = PhantomGenerator.Generate(8, Head(devices: true, native: false));
        var without = PhantomGenerator.Generate(8, Head(devices: false, native: false));
        var pixels = PathPixels(with.GroundTruth.Devices!.GuideCatheterPath, with.Width, with.Height);
        Assert.That(pixels.Count, Is.GreaterThan(10));
        double meanDrop = pixels.Average(p => without.Frames[^1][p] - with.Frames[^1][p]);
        Assert.That(Math.Abs(meanDrop), Is.LessThan(0.01 * ((1 << with.BitsStored) - 1)), "static devices are in mask and live alike");
    }

    [Test]
    public void NativeRunStoresAMaskFrameFirstAndShiftsTheTruth()
    {
        var native = PhantomGenerator.Generate(9, Head(devices: false, native: true) with { Frames = 10 });
        var subtracted = PhantomGenerator.Generate(9, Head(devices: false, native: false) with { Frames = 10 });
        Assert.That(subtracted.Truth.Occlusion!.FirstVisibleFrame, Is.GreaterThanOrEqualTo(0), "the case shows its occlusion");
        Assert.That(native.Frames, Has.Length.EqualTo(subtracted.Frames.Length + 1));
        Assert.That(native.GroundTruth.MaskFrame, Is.EqualTo(0));
        Assert.That(subtracted.GroundTruth.MaskFrame, Is.Null);
        Assert.That(native.GroundTruth.Phases[0], Is.EqualTo("mask"));
        Assert.That(native.GroundTruth.Visible, Has.Length.EqualTo(native.Frames.Length));
        Assert.That(native.Truth.Occlusion!.FirstVisibleFrame, Is.EqualTo(subtracted.Truth.Occlusion!.FirstVisibleFrame + 1));
        Assert.That(native.Frames[0], Is.Not.EqualTo(subtracted.Frames[0]), "a native mask is not a subtracted frame");
        // Where the peak subtracted frame shows iodine (darkest 1%), the native live frame is darker than its mask.
        int peak = Enumerable.Range(0, subtracted.Frames.Length).MinBy(f => subtracted.Frames[f].Select(v => (int)v).Sum());
        var vessel = Enumerable.Range(0, subtracted.Frames[peak].Length).OrderBy(i => subtracted.Frames[peak][i]).Take(subtracted.Frames[peak].Length / 100).ToList();
        Assert.That(vessel.Count, Is.GreaterThan(50));
        Assert.That(vessel.Count(i => native.Frames[peak + 1][i] < native.Frames[0][i]), Is.GreaterThan(0.9 * vessel.Count));
    }

    [Test]
    public void NativeRunIsWrittenAsOriginalWithAMaskSubtractionSequence()
    {
        string dir = Directory.CreateTempSubdirectory("phantom2-").FullName;
        try
        {
            var (dicom, _) = RunWriter.Write(PhantomGenerator.Generate(9, Head(devices: false, native: true)), dir, deflate: false);
            var file = DicomFile.Open(dicom);
            Assert.That(file.DataSet.GetString(DicomTags.ImageType), Does.StartWith("ORIGINAL"));
            Assert.That(file.DataSet.Find(DicomTags.MaskSubtractionSequence), Is.Not.Null);
            var (subtracted, _) = RunWriter.Write(PhantomGenerator.Generate(9, Head(devices: false, native: false)), Path.Combine(dir, "s"), deflate: false);
            Assert.That(DicomFile.Open(subtracted).DataSet.Find(DicomTags.MaskSubtractionSequence), Is.Null);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>
    /// The reader's subtraction of a native run against the same case stored subtracted (docs/dicom.md "Native runs"):
    /// the same picture (correlation) with arteries at about the same depth below the background (MaskSubtraction's
    /// LogUnitsPerFullScale is the phantom's native range; its display curve differs, so about, not exactly).
    /// </summary>
    [TestCase(2000101UL)]
    [TestCase(2000105UL)]
    [TestCase(2000112UL)]
    public void TheReaderSubtractsANativeRunIntoTheSubtractedRunOfTheSameCase(ulong seed)
    {
        string dir = Directory.CreateTempSubdirectory("phantom2-native-").FullName;
        try
        {
            var options = new PhantomOptions { Size = 128, Frames = 8, Fps = 2, PhantomVersion = 2, Native = true, Class = OcclusionClass.M1 };
            var (dicom, _) = RunWriter.Write(PhantomGenerator.Generate(seed, options), dir, deflate: false);
            var subtracted = PhantomGenerator.Generate(seed, options with { Native = false });
            var run = DicomRun.Open(dicom);
            int peak = Enumerable.Range(0, subtracted.Frames.Length).MinBy(f => subtracted.Frames[f].Average(v => (double)v));
            double[] mine = run.ReadFrame(peak + 1).Pixels.Select(v => (double)v).ToArray(), theirs = subtracted.Frames[peak].Select(v => (double)v).ToArray();
            var order = Enumerable.Range(0, theirs.Length).OrderBy(i => theirs[i]).ToArray();
            int[] vessel = order[..(theirs.Length / 100)], background = order[(theirs.Length / 2)..(theirs.Length * 6 / 10)];
            double Depth(double[] image) => background.Average(i => image[i]) - vessel.Average(i => image[i]);
            Assert.Multiple(() =>
            {
                Assert.That(Capture.Sources.Video.NewFrameDetector.Correlation(mine, theirs), Is.GreaterThan(0.9));
                Assert.That(Depth(mine) / Depth(theirs), Is.InRange(0.5, 2.0));
                Assert.That(run.ReadFrame(0).Pixels.Distinct().Count(), Is.EqualTo(1), "the mask frame turns blank");
            });
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestCase(8)]
    [TestCase(10)]
    [TestCase(12)]
    public void BitDepthIsInTheHeaderAndUsedByThePixels(int bits)
    {
        string dir = Directory.CreateTempSubdirectory("phantom2-bits-").FullName;
        try
        {
            var run = PhantomGenerator.Generate(4, Head(devices: true, native: false) with { Size = 64, BitsStored = bits });
            var (dicom, _) = RunWriter.Write(run, dir, deflate: false);
            var pixels = PixelData.From(DicomFile.Open(dicom));
            Assert.That(pixels.Pixels.BitsStored, Is.EqualTo(bits));
            int max = Enumerable.Range(0, pixels.FrameCount).Max(f => (int)pixels.DecodeFrame(f).Samples.Max());
            Assert.That(max, Is.LessThanOrEqualTo((1 << bits) - 1).And.GreaterThan(1 << (bits - 1)), "values fill the top half of the range, never above it");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void BitDepthIsDrawnWhenNotGiven()
    {
        var drawn = Enumerable.Range(1, 40).Select(s => CaseSampler.Sample((ulong)s, new PhantomOptions { PhantomVersion = 2 }).Image.BitsStored).ToList();
        Assert.That(drawn.Distinct().Order(), Is.EqualTo(new[] { 8, 10, 12 }));
        Assert.That(Enumerable.Range(1, 40).Select(s => CaseSampler.Sample((ulong)s, new PhantomOptions()).Image.BitsStored).Distinct(), Is.EqualTo(new[] { 10 }));
    }

    [Test]
    public void PhantomTwoMovesMoreBetweenMaskAndLive()
    {
        int Steps(int version) => Enumerable.Range(1, 200).Count(s => CaseSampler.Sample((ulong)s, new PhantomOptions { PhantomVersion = version }).Motion.StepFrame >= 0);
        int one = Steps(1), two = Steps(2);
        TestContext.Out.WriteLine($"runs with a motion step: phantom 1 {one}/200, phantom 2 {two}/200");
        Assert.That(two, Is.GreaterThan(one + 30));
    }

    [Test]
    public void PerspectiveMagnifiesWhatIsNearTheSource()
    {
        var c = CaseSampler.Sample(2, new PhantomOptions { View = PhantomView.Ap });
        var parallel = new Projector(c.Acquisition, 256, 256);
        var perspective = new Projector(c.Acquisition, 256, 256, perspective: true);
        var nearDetector = new Vec3(30, 60, 20);
        var nearSource = new Vec3(30, -60, 20);
        Assert.That(parallel.ScaleAt(nearDetector), Is.EqualTo(1.0));
        Assert.That(perspective.ScaleAt(nearDetector), Is.LessThan(0.97));
        Assert.That(perspective.ScaleAt(nearSource), Is.GreaterThan(1.03));
        // Two points 50 mm apart at the same depth are drawn further apart when nearer the source.
        double Span(Projector p, double y) => p.Project(new Vec3(50, y, 0)).X - p.Project(new Vec3(0, y, 0)).X;
        Assert.That(Math.Abs(Span(perspective, -60)), Is.GreaterThan(Math.Abs(Span(perspective, 60)) * 1.05));
        Assert.That(Math.Abs(Span(parallel, -60)), Is.EqualTo(Math.Abs(Span(parallel, 60))).Within(1e-9));
    }

    [Test]
    public void VeilingGlareLiftsDarkRegionsAndLeavesFlatFieldsAlone()
    {
        const int w = 64;
        var l = new float[w * w];
        for (int y = 0; y < w; y++)
            for (int x = 0; x < w; x++) l[y * w + x] = (x - 32) * (x - 32) + (y - 32) * (y - 32) < 64 ? 4f : 1f;
        var flat = Enumerable.Repeat(1f, w * w).ToArray();
        var glare = new VeilingGlare(w, w, sigmaPx: 12, fraction: 0.2);
        glare.Apply(l);
        glare.Apply(flat);
        Assert.That(l[32 * w + 32], Is.LessThan(3.0f), "the dark disc is lifted by glare from its bright surround");
        Assert.That(flat.Max() - flat.Min(), Is.LessThan(1e-4f));
        Assert.That(flat[0], Is.EqualTo(1f).Within(1e-4f));
    }

    /// <summary>Image pixels under a projected polyline, one sample per half pixel.</summary>
    static List<int> PathPixels(float[][] path, int width, int height)
    {
        var pixels = new HashSet<int>();
        for (int i = 1; i < path.Length; i++)
        {
            double dx = path[i][0] - path[i - 1][0], dy = path[i][1] - path[i - 1][1];
            int n = Math.Max(1, (int)(2 * Math.Sqrt(dx * dx + dy * dy)));
            for (int k = 0; k <= n; k++)
            {
                int x = (int)(path[i - 1][0] + dx * k / n), y = (int)(path[i - 1][1] + dy * k / n);
                if (x >= 0 && y >= 0 && x < width && y < height) pixels.Add(y * width + x);
            }
        }
        return pixels.ToList();
    }
}
