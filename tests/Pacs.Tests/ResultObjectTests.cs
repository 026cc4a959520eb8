using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Pacs.Sending;

namespace OccluNet.Live.Pacs.Tests;

/// <summary>
/// The GSPS and SR of every replay-data run, judged by tools that are not ours: dciodvfy (dicom3tools) for the IODs,
/// dsrdump for the report, dcmp2pgm for the presentation state; and read back with our reader for the references.
/// </summary>
[TestFixture]
public sealed class ResultObjectTests
{
    string folder = "";

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("pacs-objects-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    static IEnumerable<string> Runs() => ReplayRuns.Files();

    [TestCaseSource(nameof(Runs))]
    public void DciodvfyFindsNoErrorAndDsrdumpPrintsTheReport(string run)
    {
        RunResult result = ReplayRuns.ResultFor(run);
        var objects = ResultObjects.Write(result, folder);
        Assert.That(objects.Select(o => o.Kind), Is.EqualTo(new[] { "GSPS", "SR" }));
        foreach (var o in objects)
        {
            var check = ExternalTool.Run("dciodvfy", o.Path);
            Assert.That(check.Started, Is.True, check.StdErr);
            string output = check.StdOut + check.StdErr;
            Assert.That(output, Does.Contain(o.Kind == "GSPS" ? "GrayscaleSoftcopyPresentationState" : "ComprehensiveSR"), "dciodvfy recognised the IOD");
            Assert.That(output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty, output);
        }
        var dump = ExternalTool.Run("dsrdump", objects[1].Path);
        Assert.That(dump.ExitCode, Is.Zero, dump.StdErr);
        Assert.That(dump.StdOut, Does.Contain("Imaging Measurement Report").And.Contain("Algorithm Name").And.Contain("OccluNet1-nano-256")
            .And.Contain("Model weights SHA-256").And.Contain("Detector score threshold"));
        if (result.Finding is { } f)
            Assert.That(dump.StdOut, Does.Contain($"Occlusion suspicion, {f.ClassName}").And.Contain("\"62\" (%,UCUM").And.Contain("SCOORD").And.Contain($"(XA image,,{f.PeakFrame + 1})"));
        else
            Assert.That(dump.StdOut, Does.Contain("No occlusion suspicion").And.Not.Contain("SCOORD"));
    }

    [TestCaseSource(nameof(Runs))]
    public void BothObjectsSitInTheRunsStudyInNewSeriesAndReferenceItsInstanceAndFrames(string run)
    {
        RunResult result = ReplayRuns.ResultFor(run);
        var source = DicomFile.Open(ReplayRuns.PathOf(run)).DataSet;
        var objects = ResultObjects.Write(result, folder);
        var gsps = DicomFile.Open(objects[0].Path).DataSet;
        var sr = DicomFile.Open(objects[1].Path).DataSet;
        foreach (var d in new[] { gsps, sr })
        {
            Assert.That(d.GetString(DicomTags.StudyInstanceUid), Is.EqualTo(source.GetString(DicomTags.StudyInstanceUid)));
            Assert.That(d.GetString(DicomTags.SeriesInstanceUid), Is.Not.EqualTo(source.GetString(DicomTags.SeriesInstanceUid)));
            Assert.That(d.GetString(DicomTags.PatientId), Is.EqualTo(source.GetString(DicomTags.PatientId)));
        }
        Assert.That(gsps.GetString(DicomTags.SeriesInstanceUid), Is.Not.EqualTo(sr.GetString(DicomTags.SeriesInstanceUid)), "a series holds one modality");
        var referenced = gsps.Find(new DicomTag(0x0008, 0x1115))!.Items.Single();
        Assert.That(referenced.GetString(DicomTags.SeriesInstanceUid), Is.EqualTo(source.GetString(DicomTags.SeriesInstanceUid)));
        var image = referenced.Find(new DicomTag(0x0008, 0x1140))!.Items.Single();
        Assert.That(image.GetString(new DicomTag(0x0008, 0x1155)), Is.EqualTo(source.GetString(DicomTags.SopInstanceUid)));
        var annotations = gsps.Find(new DicomTag(0x0070, 0x0001))!.Items;
        if (result.Finding is { } f)
        {
            int[] frames = image.GetStrings(new DicomTag(0x0008, 0x1160)).Select(int.Parse).ToArray();
            Assert.That(frames, Is.EqualTo(f.Shown.Select(s => s.FrameIndex + 1)), "the frames that showed the finding, 1-based");
            Assert.That(annotations, Has.Count.EqualTo(f.Shown.Count), "one annotation per shown frame");
            Assert.That(Utf8(annotations[0].Find(new DicomTag(0x0070, 0x0008))!.Items.Single().GetString(new DicomTag(0x0070, 0x0006))),
                Is.EqualTo($"AI occlusion suspicion {f.ClassName} 62 % — research software, not for diagnosis"));
        }
        else
        {
            Assert.That(image.Contains(new DicomTag(0x0008, 0x1160)), Is.False, "no finding: every frame");
            Assert.That(Utf8(annotations.Single().Find(new DicomTag(0x0070, 0x0008))!.Items.Single().GetString(new DicomTag(0x0070, 0x0006))), Does.StartWith("AI: no occlusion suspicion"));
        }
    }

    /// <summary>Our reader decodes text as Latin-1; the objects declare ISO_IR 192 (UTF-8).</summary>
    static string? Utf8(string? latin1) => latin1 is null ? null : System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(latin1));

    /// <summary>
    /// dcmp2pgm burns neither graphic annotations nor a presentation state's graphic overlays into its output (its
    /// viewer, DICOMscope, drew them itself). Its verbose mode writes the overlay plane as dcmtk decoded and placed it
    /// (ovl_NNNN.pgm): that bitmap must outline the box where the live overlay draws it on the peak frame.
    /// </summary>
    [Test]
    public void DcmtkDecodesTheBoxOverlayWhereTheLiveOverlayDrawsTheBox()
    {
        const string run = "ph701-ap.dcm";
        RunResult result = ReplayRuns.ResultFor(run);
        var f = result.Finding!;
        var gsps = ResultObjects.Write(result, folder)[0].Path;
        // dcmpstat refuses a presentation state with an empty Patient Name (type 2, allowed empty by the standard),
        // which the phantom's runs have: the check runs on a copy with a name.
        string named = Path.Combine(folder, "named.dcm");
        File.Copy(gsps, named);
        Assert.That(ExternalTool.Run("dcmodify", "-nb", "-i", "(0010,0010)=ANON", named).ExitCode, Is.Zero);
        string frame = (f.PeakFrame + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var render = ExternalTool.RunIn(folder, "dcmp2pgm", "-v", "-f", frame, "-p", named, ReplayRuns.PathOf(run), "rendered.pgm");
        Assert.That(render.ExitCode, Is.Zero, render.StdErr);
        var plain = ExternalTool.RunIn(folder, "dcmp2pgm", "-f", frame, ReplayRuns.PathOf(run), "plain.pgm");
        Assert.That(plain.ExitCode, Is.Zero, plain.StdErr);
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "rendered.pgm")), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, "plain.pgm"))),
            "the presentation state's VOI is the image's own, and dcmp2pgm burns no annotation in");

        var overlays = Directory.GetFiles(folder, "ovl_*.pgm");
        Assert.That(overlays, Has.Length.EqualTo(1), render.StdOut + render.StdErr);
        var (width, height, pixels) = Pgm.Read(overlays[0]);
        Assert.That((width, height), Is.EqualTo((result.Image.Columns, result.Image.Rows)));
        var set = Enumerable.Range(0, pixels.Length).Where(i => pixels[i] != 0).Select(i => (X: i % width, Y: i / width)).ToArray();
        Assert.That(set, Has.Length.GreaterThan(20), "the outline is there");
        var drawn = f.Shown.Single(s => s.FrameIndex == f.PeakFrame).Box; // where the live overlay draws the box on this frame
        Assert.Multiple(() =>
        {
            Assert.That(set.Min(p => p.X), Is.EqualTo(drawn.X1).Within(2.0));
            Assert.That(set.Max(p => p.X) + 1, Is.EqualTo(drawn.X2).Within(2.0));
            Assert.That(set.Min(p => p.Y), Is.EqualTo(drawn.Y1).Within(2.0));
            Assert.That(set.Max(p => p.Y) + 1, Is.EqualTo(drawn.Y2).Within(2.0));
        });
    }

    [Test]
    public void AStrippedRunWithoutStudyAndInstanceUidsStillGetsValidObjectsWithNewUidsSaidInTheLog()
    {
        string stripped = Path.Combine(folder, "stripped.dcm");
        File.Copy(ReplayRuns.PathOf("ph501-lat.dcm"), stripped);
        var strip = ExternalTool.Run("dcmodify", "-nb", "-ea", "(0020,000D)", "-ea", "(0008,0018)", stripped);
        Assert.That(strip.ExitCode, Is.Zero, strip.StdErr);
        RunResult result = ReplayRuns.ResultFor("ph501-lat.dcm", stripped);
        Assert.That(result.Image.Substitutions, Has.Count.EqualTo(2));
        Assert.That(result.Image.Substitutions, Has.Some.StartsWith("no StudyInstanceUID: new 2.25.").And.Some.StartsWith("no SOPInstanceUID: new 2.25."));
        var objects = ResultObjects.Write(result, Path.Combine(folder, "out"));
        foreach (var o in objects)
        {
            var check = ExternalTool.Run("dciodvfy", o.Path);
            Assert.That((check.StdOut + check.StdErr).Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty, check.StdErr);
            Assert.That(DicomFile.Open(o.Path).DataSet.GetString(DicomTags.StudyInstanceUid), Is.EqualTo(result.Image.StudyInstanceUid));
        }
    }

    /// <summary>
    /// The pipeline sees a native run subtracted (MONOCHROME2, no window), but the presentation state is drawn on the
    /// stored native image: it must describe that image's photometric interpretation and window.
    /// </summary>
    [Test]
    public void APresentationStateOnANativeRunDescribesTheStoredImageNotTheSubtractedFrames()
    {
        string native = Path.Combine(folder, "native.dcm");
        var frames = Enumerable.Range(0, 3).Select(f => Enumerable.Repeat((ushort)(500 + f), 16 * 16).ToArray()).ToArray();
        Capture.Writing.XaMultiFrameWriter.Write(native, new Capture.Writing.XaRunToWrite
        {
            StudyInstanceUid = "2.25.71", SeriesInstanceUid = "2.25.72", SopInstanceUid = "2.25.73", Rows = 16, Columns = 16, BitsStored = 10,
            Frames = frames, FrameTimesMs = [0, 500, 1000], MaskFrameNumber = 1, IsMonochrome1 = true, WindowCenter = 400, WindowWidth = 800,
        });
        var run = DicomRun.Open(native);
        Assert.That(run.Series.IsMonochrome1, Is.False, "the frames arrive subtracted, MONOCHROME2");
        var image = RunImage.From(run.Series, run.Pixels.FrameCount, Capture.Writing.DicomUids.UuidRoot);
        Assert.That((image.IsMonochrome1, image.WindowCenter, image.WindowWidth), Is.EqualTo((true, (double?)400, (double?)800)));
        var gsps = ResultObjects.Write(new RunResult(image, null, ReplayRuns.Model, DateTimeOffset.Now), Path.Combine(folder, "out"))
            .Single(o => o.Path.EndsWith(".gsps.dcm", StringComparison.Ordinal));
        Assert.That(DicomFile.Open(gsps.Path).DataSet.GetString(new DicomTag(0x2050, 0x0020)), Is.EqualTo("INVERSE"));
    }

    [Test]
    public void ALoopedRunGetsNewFilesNeverOverwritten()
    {
        RunResult result = ReplayRuns.ResultFor("ph501-lat.dcm");
        var first = ResultObjects.Write(result, folder);
        var second = ResultObjects.Write(result, folder);
        Assert.That(second.Select(o => Path.GetFileName(o.Path)), Is.EqualTo(new[] { "ph501-lat-2.gsps.dcm", "ph501-lat-2.sr.dcm" }));
        Assert.That(second.Select(o => o.SopInstanceUid), Is.Not.EquivalentTo(first.Select(o => o.SopInstanceUid)));
    }
}

/// <summary>Reads a binary PGM (P5, 8 bit) as dcmtk writes it.</summary>
internal static class Pgm
{
    public static (int Width, int Height, byte[] Pixels) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[pos])) pos++;
            int start = pos;
            while (!char.IsWhiteSpace((char)bytes[pos])) pos++;
            return System.Text.Encoding.ASCII.GetString(bytes, start, pos - start);
        }
        Assert.That(Token(), Is.EqualTo("P5"));
        int width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture), height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Token();
        pos++;
        return (width, height, bytes[pos..(pos + width * height)]);
    }
}
