using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Tests.Writing;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Reading;

/// <summary>
/// dcmtk encodes a run the writer made (JPEG lossless every selection value, fragmented or not, RLE, JPEG-LS);
/// the reader must give back the original stored values (or dcmtk's own decode, for near-lossless).
/// </summary>
[TestFixture]
public sealed class DcmtkEncodedVariantTests : TempFolderTest
{
    XaRunToWrite run = null!;
    string original = "";

    [SetUp]
    public void WriteOriginal()
    {
        // Smooth gradient plus noise over the full 12-bit range, so every predictor sees real neighbours.
        var random = new Random(5);
        const int rows = 48, columns = 40;
        var frames = Enumerable.Range(0, 3).Select(f => Enumerable.Range(0, rows * columns)
            .Select(i => (ushort)Math.Clamp((i / columns) * 60 + (i % columns) * 30 + f * 100 + random.Next(-40, 40), 0, 4095)).ToArray()).ToArray();
        run = TestRuns.Noisy(1, rows, columns, 3) with { Frames = frames };
        original = Path.Combine(Dir, "original.dcm");
        XaMultiFrameWriter.Write(original, run);
    }

    string Encode(string tool, params string[] options)
    {
        var output = Path.Combine(Dir, "encoded.dcm");
        var result = Dcmtk.Run(tool, [.. options, original, output]);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        return output;
    }

    void AssertFramesEqualOriginal(string path)
    {
        var run = DicomRun.Open(path);
        Assert.That(run.Pixels.FrameCount, Is.EqualTo(this.run.Frames.Count));
        for (var f = 0; f < this.run.Frames.Count; f++) Assert.That(run.ReadFrame(f).Pixels, Is.EqualTo(this.run.Frames[f]), $"frame {f}");
    }

    [Test]
    public void JpegLosslessEverySelectionValue([Range(1, 7)] int selectionValue) =>
        AssertFramesEqualOriginal(Encode("dcmcjpeg", "+el", "+sv", selectionValue.ToString()));

    [Test]
    public void JpegLosslessSv1FragmentedWithEmptyOffsetTable() =>
        AssertFramesEqualOriginal(Encode("dcmcjpeg", "+e1", "+fs", "1", "-ot"));

    [Test]
    public void JpegLosslessFragmentedWithOffsetTable() =>
        AssertFramesEqualOriginal(Encode("dcmcjpeg", "+el", "+sv", "6", "+fs", "1", "+ot"));

    [Test]
    public void JpegLosslessWithPointTransformKeepsTheShiftedValues()
    {
        var run = DicomRun.Open(Encode("dcmcjpeg", "+el", "+sv", "4", "+pt", "2"));
        for (var f = 0; f < this.run.Frames.Count; f++)
            Assert.That(run.ReadFrame(f).Pixels, Is.EqualTo(this.run.Frames[f].Select(v => (ushort)(v >> 2 << 2)).ToArray()), $"frame {f}");
    }

    [Test]
    public void RleLossless() => AssertFramesEqualOriginal(Encode("dcmcrle"));

    [Test]
    public void JpegLsLossless() => AssertFramesEqualOriginal(Encode("dcmcjpls", "+el"));

    [Test]
    public void JpegLsNearLosslessMatchesDcmtksDecode()
    {
        var encoded = Encode("dcmcjpls", "+en");
        var decodedByDcmtk = Path.Combine(Dir, "dcmtk-decoded.dcm");
        Assert.That(Dcmtk.Run("dcmdjpls", encoded, decodedByDcmtk).ExitCode, Is.Zero);
        var ours = DicomRun.Open(encoded);
        var theirs = DicomRun.Open(decodedByDcmtk);
        for (var f = 0; f < run.Frames.Count; f++)
        {
            var frame = ours.ReadFrame(f).Pixels;
            Assert.That(frame, Is.EqualTo(theirs.ReadFrame(f).Pixels), $"frame {f}");
            Assert.That(frame.Zip(run.Frames[f], (a, b) => Math.Abs(a - b)).Max(), Is.LessThanOrEqualTo(2));
        }
    }

    /// <summary>RGB JPEG lossless takes the interleaved multi-component path of the decoder.</summary>
    [TestCase(1)]
    [TestCase(6)]
    public void RgbJpegLosslessMatchesTheOracle(int selectionValue)
    {
        const string name = "clearcanvas_US_IM00001_implicit_8f_rgb.dcm";
        var encoded = Path.Combine(Dir, "rgb.dcm");
        var result = Dcmtk.Run("dcmcjpeg", "+el", "+sv", selectionValue.ToString(), Samples.PathOf(name), encoded);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        var pixels = Imaging.PixelData.From(DicomFile.Open(encoded));
        var expected = Samples.OracleRows(name);
        for (var f = 0; f < pixels.FrameCount; f++)
            Assert.That(Imaging.FrameChecksum.Of(pixels.DecodeFrame(f)).ToTsv(), Is.EqualTo(expected[f]), $"frame {f + 1}");
    }
}
