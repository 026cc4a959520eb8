using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Tests.Reading;

/// <summary>Broken and tricky samples: refused with <see cref="DicomFileException"/> naming file, offset, tag and reason, or read correctly.</summary>
[TestFixture]
public sealed class BrokenSampleTests
{
    [Test]
    public void TruncatedPixelDataFailsTheFrameItCuts()
    {
        var pixels = PixelData.From(DicomFile.Open(Samples.PathOf("pydicom_MR_truncated.dcm")));
        var error = Assert.Throws<DicomFileException>(() => pixels.DecodeFrame(0))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.FileName, Is.EqualTo("pydicom_MR_truncated.dcm"));
            Assert.That(error.Tag, Is.EqualTo(DicomTags.PixelData));
            Assert.That(error.Offset, Is.GreaterThan(1000));
            Assert.That(error.Reason, Does.Contain("8192"));
        });
    }

    [Test]
    public void HugeDeclaredImageIsRefusedBeforeAllocating()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomFileException>(() => PixelData.From(DicomFile.Open(Samples.PathOf("orthanc_oob-monochrome-65535.dcm"))))!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("orthanc_oob-monochrome-65535.dcm").And.Contain("65535x65535"));
            Assert.That(allocated, Is.LessThan(1 << 20));
        });
    }

    [Test]
    public void DicmInsideADataSetIsNotTakenForAPreamble()
    {
        var file = DicomFile.Open(Samples.PathOf("dcm4che_no_preamble_dicm_in_data.dcm"));
        Assert.Multiple(() =>
        {
            Assert.That(file.HasFileMeta, Is.False);
            Assert.That(file.DataSet.GetString(DicomTags.Modality), Is.EqualTo("MG"));
            Assert.That(file.DataSet.GetString(new DicomTag(0x0008, 0x1010)), Is.EqualTo("DICMA1"));
            Assert.That(file.DataSet.Find(new DicomTag(0x0008, 0x1111))!.Items, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void PrivateSequenceInImplicitVRIsParsedAsItems()
    {
        var file = DicomFile.Open(Samples.PathOf("pydicom_priv_SQ.dcm"));
        var sequence = file.DataSet.Elements.Single(e => e.Tag.IsPrivate && e.Items.Count > 0);
        Assert.Multiple(() =>
        {
            Assert.That(sequence.Tag, Is.EqualTo(new DicomTag(0x3F03, 0x1001)));
            Assert.That(sequence.Items[0].Count, Is.Positive);
            Assert.That(() => PixelData.From(file), Throws.TypeOf<DicomFileException>().With.Message.Contains("no Pixel Data"));
        });
    }

    [Test]
    public void AcrNemaFileWithoutMetaIsReadAsImplicitLittleEndian()
    {
        var file = DicomFile.Open(Samples.PathOf("fodicom_CR-MONO1-10-chest_acrnema.dcm"));
        Assert.Multiple(() =>
        {
            Assert.That(file.HasFileMeta, Is.False);
            Assert.That(file.TransferSyntax, Is.SameAs(TransferSyntax.ImplicitVRLittleEndian));
            Assert.That(PixelData.From(file).Pixels.IsMonochrome1, Is.True);
        });
    }

    [Test]
    public void IconImagePixelDataInsideASequenceIsNotTheImage()
    {
        var run = DicomRun.Open(Samples.PathOf("pydicom_MR-SIEMENS-DICOM-WithOverlays.dcm"));
        Assert.That((run.Pixels.Pixels.Rows, run.Pixels.Pixels.Columns), Is.EqualTo((484, 484)));
    }

    [Test]
    public void NonDicomFileIsRefused()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "not-dicom.txt");
        File.WriteAllText(path, "hello, this is a text file and not DICOM at all\n");
        var error = Assert.Throws<DicomFileException>(() => DicomFile.Open(path))!;
        Assert.That(error.Message, Does.StartWith("not-dicom.txt: byte 0"));
    }

    [Test]
    public void MissingFileIsRefusedWithTheDocumentedException() =>
        Assert.That(() => DicomFile.Open("/nonexistent/x.dcm"), Throws.TypeOf<DicomFileException>().With.Message.Contains("x.dcm"));
}
