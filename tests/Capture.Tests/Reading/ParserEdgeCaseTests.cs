using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Tests.Reading;

[TestFixture]
public sealed class ParserEdgeCaseTests
{
    const uint Undefined = uint.MaxValue;

    [Test]
    public void DeepNestingFailsCleanlyInsteadOfOverflowingTheStack()
    {
        var s = SyntheticDataSets.Part10();
        for (var i = 0; i < 5000; i++) s.Long(0x0009, 0x1010, "SQ", Undefined).Item(0xE000, Undefined);
        var error = Assert.Throws<DicomFileException>(() => DicomFile.Parse(s.ToArray(), "deep.dcm"))!;
        Assert.That(error.Reason, Does.Contain("nested deeper"));
    }

    [Test]
    public void NestedSequencesWithinTheLimitAreRead()
    {
        var s = SyntheticDataSets.Part10();
        for (var i = 0; i < 5; i++) s.Long(0x0009, 0x1010, "SQ", Undefined).Item(0xE000, Undefined);
        s.Text(0x0010, 0x0010, "PN", "Inner");
        for (var i = 0; i < 5; i++) s.Item(0xE00D, 0).Item(0xE0DD, 0);
        s.Text(0x0020, 0x000D, "UI", "1.2.3");
        var file = DicomFile.Parse(s.ToArray(), "nested.dcm");
        var item = file.DataSet;
        for (var i = 0; i < 5; i++) item = item.Find(new DicomTag(0x0009, 0x1010))!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.GetString(DicomTags.PatientName), Is.EqualTo("Inner"));
            Assert.That(file.DataSet.GetString(DicomTags.StudyInstanceUid), Is.EqualTo("1.2.3"));
        });
    }

    [Test]
    public void ValueLongerThanTheFileIsRefusedWithOffsetAndTag()
    {
        var bytes = SyntheticDataSets.Part10().Long(0x0009, 0x0010, "OB", 0x7FFF0000, [1, 2, 3, 4]).ToArray();
        var error = Assert.Throws<DicomFileException>(() => DicomFile.Parse(bytes, "long.dcm"))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Tag, Is.EqualTo(new DicomTag(0x0009, 0x0010)));
            Assert.That(error.Offset, Is.EqualTo(128 + 4 + 12 + 8 + 20));
            Assert.That(error.Reason, Does.Contain("exceeds"));
        });
    }

    [Test]
    public void OddLengthValueIsKeptAsIs()
    {
        var bytes = SyntheticDataSets.Part10().Short(0x0008, 0x0060, "CS", "XA "u8.ToArray()[..1]).Text(0x0008, 0x0070, "LO", "Vendor").ToArray();
        var file = DicomFile.Parse(bytes, "odd.dcm");
        Assert.Multiple(() =>
        {
            Assert.That(file.DataSet.GetString(DicomTags.Modality), Is.EqualTo("X"));
            Assert.That(file.DataSet.GetString(DicomTags.Manufacturer), Is.EqualTo("Vendor"));
        });
    }

    [Test]
    public void UnsupportedTransferSyntaxIsNamed()
    {
        var bytes = SyntheticDataSets.Part10("1.2.840.10008.1.2.4.100").ToArray();
        Assert.That(() => DicomFile.Parse(bytes, "mpeg.dcm"), Throws.TypeOf<DicomFileException>().With.Message.Contains("1.2.840.10008.1.2.4.100"));
    }

    [Test]
    public void ExtendedOffsetTableSplitsFramesOverFragments()
    {
        // Two 2x2 8-bit RLE frames, each split over two fragments; the Basic Offset Table is empty.
        static byte[] Rle(byte value)
        {
            var frame = new byte[64 + 2];
            BitConverter.GetBytes(1u).CopyTo(frame, 0);
            BitConverter.GetBytes(64u).CopyTo(frame, 4);
            frame[64] = unchecked((byte)-3);
            frame[65] = value;
            return frame;
        }
        var a = Rle(7);
        var b = Rle(9);
        var offsets = new byte[16];
        BitConverter.GetBytes(0UL).CopyTo(offsets, 0);
        BitConverter.GetBytes((ulong)(8 + 40 + 8 + 26)).CopyTo(offsets, 8);
        var s = SyntheticDataSets.Part10("1.2.840.10008.1.2.5")
            .US(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2").Text(0x0028, 0x0008, "IS", "2")
            .US(0x0028, 0x0010, 2).US(0x0028, 0x0011, 2).US(0x0028, 0x0100, 8).US(0x0028, 0x0101, 8).US(0x0028, 0x0102, 7).US(0x0028, 0x0103, 0)
            .Long(0x7FE0, 0x0001, "OV", 16, offsets)
            .Long(0x7FE0, 0x0010, "OB", Undefined).Item(0xE000, 0)
            .Item(0xE000, 40).Raw(a[..40]).Item(0xE000, 26).Raw(a[40..])
            .Item(0xE000, 40).Raw(b[..40]).Item(0xE000, 26).Raw(b[40..])
            .Item(0xE0DD, 0);
        var pixels = PixelData.From(DicomFile.Parse(s.ToArray(), "eot.dcm"));
        Assert.Multiple(() =>
        {
            Assert.That(pixels.DecodeFrame(0).Samples, Is.EqualTo(new ushort[] { 7, 7, 7, 7 }));
            Assert.That(pixels.DecodeFrame(1).Samples, Is.EqualTo(new ushort[] { 9, 9, 9, 9 }));
        });
    }

    [Test]
    public void ForgedFrameCountIsRefusedBeforeAnyPerFrameTableIsBuilt()
    {
        var s = SyntheticDataSets.Part10()
            .US(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2").Text(0x0028, 0x0008, "IS", "2000000000")
            .US(0x0028, 0x0010, 1).US(0x0028, 0x0011, 1).US(0x0028, 0x0100, 8).US(0x0028, 0x0101, 8).US(0x0028, 0x0102, 7).US(0x0028, 0x0103, 0)
            .Long(0x7FE0, 0x0010, "OB", 0xFFFFFFF0, [1, 2, 3, 4]);
        var file = DicomFile.Parse(s.ToArray(), "frames.dcm");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomFileException>(() => DicomRun.From(file))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Tag, Is.EqualTo(DicomTags.NumberOfFrames));
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
        });
    }
}
