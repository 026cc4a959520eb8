using System.Text;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Tests.Writing;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Reading;

/// <summary>
/// Native runs (Image Type ORIGINAL + Mask Subtraction Sequence) are delivered subtracted (docs/dicom.md "Native runs"):
/// values checked against the formula, the variants a file can declare, and the refusals.
/// </summary>
[TestFixture]
public sealed class MaskSubtractionTests
{
    const int Bits = 10, Full = (1 << Bits) - 1, Size = 8;

    /// <summary>A flat mask at 800 (frame 1), then live frames with a 2x2 "vessel" 100 darker at rows 2-3, columns 4-5.</summary>
    static XaRunToWrite Native(bool monochrome1 = false)
    {
        ushort Value(int v) => (ushort)(monochrome1 ? Full - v : v);
        var mask = Enumerable.Repeat(Value(800), Size * Size).ToArray();
        var live = mask.ToArray();
        foreach (var i in new[] { 2 * Size + 4, 2 * Size + 5, 3 * Size + 4, 3 * Size + 5 }) live[i] = Value(700);
        return TestRuns.Noisy(1, rows: Size, columns: Size, frames: 3, bitsStored: Bits) with
        {
            Frames = [mask, live, live],
            MaskFrameNumber = 1,
            IsMonochrome1 = monochrome1,
        };
    }


    static DicomRun Read(byte[] bytes) => DicomRun.From(DicomFile.Parse(bytes, "native.dcm"));

    /// <summary>Replaces a value of the same length in the written file (the writer only writes what the phantom needs).</summary>
    static byte[] Patch(byte[] bytes, string from, string to)
    {
        var (a, b) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to));
        Assert.That(b, Has.Length.EqualTo(a.Length));
        var at = bytes.AsSpan().IndexOf(a);
        Assert.That(at, Is.GreaterThan(0), $"{from} is in the file");
        var patched = bytes.ToArray();
        b.CopyTo(patched, at);
        return patched;
    }

    static ushort Expected(double logUnits) => (ushort)Math.Round(Full * (MaskSubtraction.Background - MaskSubtraction.Gain * logUnits));

    [TestCase(false)]
    [TestCase(true)]
    public void LogDataIsSubtractedAsStoredValuesSpanningTheFullScale(bool monochrome1)
    {
        var run = Read(TestRuns.Bytes(Native(monochrome1)));
        var blank = run.ReadFrame(0).Pixels;
        var live = run.ReadFrame(1).Pixels;
        var vessel = Expected(100.0 / Full * MaskSubtraction.LogUnitsPerFullScale);
        Assert.Multiple(() =>
        {
            Assert.That(blank.Distinct(), Is.EqualTo(new[] { Expected(0) }), "the mask frame minus itself is a blank subtracted frame");
            Assert.That(live[2 * Size + 4], Is.EqualTo(vessel));
            Assert.That(live[0], Is.EqualTo(Expected(0)));
            Assert.That(live.Count(v => v == vessel), Is.EqualTo(4));
            Assert.That(vessel, Is.LessThan(Expected(0)), "iodine is dark, as in a subtracted run");
            Assert.That(run.Series.IsMonochrome1, Is.False, "subtracted frames are delivered MONOCHROME2");
            Assert.That(run.Series.WindowCenter, Is.Null, "the file's window was for the native frames");
            Assert.That(run.SubtractionDescription, Does.Contain("AVG_SUB").And.Contain("mask frame(s) 1"));
        });
    }

    [Test]
    public void LinearDataIsSubtractedAsLogarithms()
    {
        var run = Read(Patch(TestRuns.Bytes(Native()), "LOG ", "LIN "));
        Assert.That(run.ReadFrame(2).Pixels[3 * Size + 5], Is.EqualTo(Expected(Math.Log(800.0 / 700.0))));
    }

    [Test]
    public void AStoredSubtractedRunIsDeliveredAsStored()
    {
        var written = Native() with { MaskFrameNumber = null };
        var run = Read(TestRuns.Bytes(written));
        Assert.That(run.SubtractionDescription, Is.Null);
        Assert.That(run.ReadFrame(1).Pixels, Is.EqualTo(written.Frames[1]));
    }

    [Test]
    public void MaskOperationNoneAsTheCardiacCineSampleWritesItIsNoSubtraction()
    {
        var written = Native();
        var run = Read(Patch(TestRuns.Bytes(written), "AVG_SUB ", "NONE    "));
        Assert.That(run.SubtractionDescription, Is.Null);
        Assert.That(run.ReadFrame(1).Pixels, Is.EqualTo(written.Frames[1]));
    }

    [Test]
    public void AnOperationOtherThanAverageSubtractionIsRefusedInOneLineNamingTheFile()
    {
        var e = Assert.Throws<DicomFileException>(() => Read(Patch(TestRuns.Bytes(Native()), "AVG_SUB ", "TID     ")))!;
        Assert.That(e.Message, Does.Contain("native.dcm").And.Contain("TID").And.Contain("AVG_SUB only").And.Not.Contain("\n"));
    }

    [Test]
    public void AMaskFrameTheRunDoesNotHaveIsRefused()
    {
        var bytes = TestRuns.Bytes(Native());
        var tag = new byte[] { 0x28, 0x00, 0x10, 0x61, (byte)'U', (byte)'S', 2, 0 };
        var at = bytes.AsSpan().IndexOf(tag) + tag.Length;
        bytes[at] = 9; // mask frame 9 of 3
        var e = Assert.Throws<DicomFileException>(() => Read(bytes))!;
        Assert.That(e.Message, Does.Contain("mask frame 9 is not one of the run's 3 frames"));
    }

    [Test]
    public void TheMaskIsShiftedBeforeSubtractionWhenTheFileSaysSo()
    {
        // A mask with a bright column at x = 3; the live frame has it at x = 4 (the patient moved one column right).
        var mask = Enumerable.Range(0, Size * Size).Select(i => (ushort)(i % Size == 3 ? 900 : 800)).ToArray();
        var live = Enumerable.Range(0, Size * Size).Select(i => (ushort)(i % Size == 4 ? 900 : 800)).ToArray();
        var written = Native() with { Frames = [mask, live, live] };
        var unshifted = Read(TestRuns.Bytes(written)).ReadFrame(1).Pixels;
        Assert.That(unshifted.Distinct().Count(), Is.EqualTo(3), "without a shift the moved column leaves a bright and a dark line");
        var shifted = Subtract(mask, live, shiftColumns: 1f);
        Assert.That(shifted.Distinct(), Is.EqualTo(new[] { Expected(0) }), "with a shift of one column the residue cancels");
    }

    /// <summary>A Mask Subtraction Sequence with a Mask Sub-pixel Shift, built by hand (the writer writes none).</summary>
    static ushort[] Subtract(ushort[] mask, ushort[] live, float shiftColumns)
    {
        var pixels = new PixelDescription(Size, Size, 1, 16, Bits, Bits - 1, false, "MONOCHROME2", false, 2);
        var item = new DicomDataSet(isBigEndian: false);
        item.Add(new DicomElement { Tag = DicomTags.MaskOperation, VR = DicomVR.CS, Offset = 0, Value = Encoding.ASCII.GetBytes("AVG_SUB ") });
        item.Add(new DicomElement { Tag = DicomTags.MaskFrameNumbers, VR = DicomVR.US, Offset = 0, Value = BitConverter.GetBytes((ushort)1) });
        item.Add(new DicomElement { Tag = DicomTags.MaskSubPixelShift, VR = DicomVR.FL, Offset = 0, Value = BitConverter.GetBytes(0f).Concat(BitConverter.GetBytes(shiftColumns)).ToArray() });
        var d = new DicomDataSet(isBigEndian: false);
        d.Add(new DicomElement { Tag = DicomTags.MaskSubtractionSequence, VR = DicomVR.SQ, Offset = 0, Items = [item] });
        d.Add(new DicomElement { Tag = DicomTags.PixelIntensityRelationship, VR = DicomVR.CS, Offset = 0, Value = Encoding.ASCII.GetBytes("LOG ") });
        var frames = new[] { mask, live };
        var subtraction = MaskSubtraction.From(d, pixels, "shift.dcm", i => new StoredFrame(pixels, i, frames[i]))!;
        return subtraction.Apply(new StoredFrame(pixels, 1, live));
    }
}
