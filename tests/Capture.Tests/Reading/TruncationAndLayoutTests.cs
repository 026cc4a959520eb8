using OccluNet.Live.Capture.Codecs;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Tests.Writing;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Reading;

[TestFixture]
public sealed class TruncationAndLayoutTests
{
    [Test]
    public void CutNativeRunFailsOnlyTheFramesItCuts()
    {
        var run = TestRuns.Noisy(41, rows: 16, columns: 16, frames: 5);
        using var stream = new MemoryStream();
        XaMultiFrameWriter.Write(stream, run);
        var bytes = stream.ToArray();
        var cut = bytes[..(bytes.Length - 16 * 16 * 2 * 2 + 100)]; // ends inside frame 4
        var pixels = PixelData.From(DicomFile.Parse(cut, "cut.dcm"));
        Assert.Multiple(() =>
        {
            for (var f = 0; f < 3; f++) Assert.That(pixels.DecodeFrame(f).Samples, Is.EqualTo(run.Frames[f]), $"frame {f}");
            Assert.That(() => pixels.DecodeFrame(3), Throws.TypeOf<DicomFileException>().With.Message.Contains("frame 4"));
            Assert.That(() => pixels.DecodeFrame(4), Throws.TypeOf<DicomFileException>().With.Message.Contains("frame 5"));
        });
    }

    [Test]
    public void CutEncapsulatedCineKeepsTheFramesBeforeTheCut()
    {
        var bytes = File.ReadAllBytes(Samples.PathOf("rubo_XA_0002_jpeg-baseline_96f.dcm"));
        var pixels = PixelData.From(DicomFile.Parse(bytes[..(bytes.Length / 2)], "half.dcm"));
        var oracle = Samples.OracleRows("rubo_XA_0002_jpeg-baseline_96f.dcm");
        var decoded = 0;
        for (var f = 0; f < pixels.FrameCount; f++)
        {
            try { pixels.DecodeFrame(f); decoded++; }
            catch (DicomFileException) { break; }
        }
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.InRange(40, 50));
            Assert.That(() => pixels.DecodeFrame(95), Throws.TypeOf<DicomFileException>());
            Assert.That(FrameChecksum.Of(pixels.DecodeFrame(0)).Max, Is.EqualTo(int.Parse(oracle[0].Split('\t')[6])).Within(1));
        });
    }

    [Test]
    public void PlanarRgbIsReturnedInterleaved()
    {
        byte[] planar = [10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33];
        var s = SyntheticDataSets.Part10()
            .US(0x0028, 0x0002, 3).Text(0x0028, 0x0004, "CS", "RGB").US(0x0028, 0x0006, 1)
            .US(0x0028, 0x0010, 2).US(0x0028, 0x0011, 2).US(0x0028, 0x0100, 8).US(0x0028, 0x0101, 8).US(0x0028, 0x0102, 7).US(0x0028, 0x0103, 0)
            .Long(0x7FE0, 0x0010, "OB", (uint)planar.Length, planar);
        var frame = PixelData.From(DicomFile.Parse(s.ToArray(), "rgb.dcm")).DecodeFrame(0);
        Assert.That(frame.Samples, Is.EqualTo(new ushort[] { 10, 20, 30, 11, 21, 31, 12, 22, 32, 13, 23, 33 }));
    }

    [Test]
    public void HighBitBelowTheTopShiftsAndMasksSignedValues()
    {
        // BitsStored 4 at HighBit 5 (bits 2..5), signed; bits 0-1 and 6-15 carry junk that must be ignored.
        ushort[] raw = [0b1100_0000_0011_1111, 0b0000_0000_0010_0011, 0b1111_1111_1101_0000];
        var bytes = raw.SelectMany(BitConverter.GetBytes).ToArray();
        var s = SyntheticDataSets.Part10()
            .US(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .US(0x0028, 0x0010, 1).US(0x0028, 0x0011, 3).US(0x0028, 0x0100, 16).US(0x0028, 0x0101, 4).US(0x0028, 0x0102, 5).US(0x0028, 0x0103, 1)
            .Long(0x7FE0, 0x0010, "OW", (uint)bytes.Length, bytes);
        var frame = PixelData.From(DicomFile.Parse(s.ToArray(), "shift.dcm")).DecodeFrame(0);
        Assert.That(Enumerable.Range(0, 3).Select(frame.ValueAt), Is.EqualTo(new[] { -1, -8, 4 }));
    }

    [Test]
    public void MissingCodecLibraryNamesTheDebianPackage()
    {
        var library = new NativeCodecLibrary("libdoes-not-exist.so.9", "libdoes-not-exist9");
        var context = new FrameContext("x.dcm", 100, 0, new PixelDescription(1, 1, 1, 8, 8, 7, false, "MONOCHROME2", false, 1));
        Assert.That(() => library.Function("f", context),
            Throws.TypeOf<DicomFileException>().With.Message.Contains("apt-get install libdoes-not-exist9").And.Message.Contains("x.dcm"));
    }

    [Test]
    public void NativeCodecLibrariesArePresentHere() =>
        Assert.That((JpegLsCodec.IsAvailable, Jpeg2000Codec.IsAvailable), Is.EqualTo((true, true)), "scripts/setup-debian.sh installs libcharls2 and libopenjp2-7");
}
