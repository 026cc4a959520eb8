using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Writing;

/// <summary>dcmtk (the reference toolkit) must read what the writer writes, without warnings, with the right values.</summary>
[TestFixture]
public sealed class XaMultiFrameWriterDcmtkTests : TempFolderTest
{

    string WriteRun(XaRunToWrite run, string name = "run.dcm")
    {
        var path = Path.Combine(Dir, name);
        XaMultiFrameWriter.Write(path, run);
        return path;
    }

    [TestCase(false, "=LittleEndianExplicit")]
    [TestCase(true, "=DeflatedLittleEndianExplicit")]
    public void DcmdumpReadsItWithoutWarnings(bool deflate, string transferSyntax)
    {
        var path = WriteRun(TestRuns.Noisy(1) with { Deflate = deflate });
        var dump = Dcmtk.Run("dcmdump", "+W", Dir, path);
        Assert.Multiple(() =>
        {
            Assert.That(dump.ExitCode, Is.Zero, dump.StdErr);
            Assert.That(dump.StdErr, Is.Empty);
            Assert.That(dump.StdOut, Does.Contain($"(0002,0010) UI {transferSyntax}"));
            Assert.That(dump.StdOut, Does.Contain("(0008,0016) UI =XRayAngiographicImageStorage"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0008) IS [5]"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0009) AT (0018,1063)"));
            Assert.That(dump.StdOut, Does.Contain("(0018,1063) DS [66.666666666666671]").Or.Contain("(0018,1063) DS [66.6666666666667]"));
            Assert.That(dump.StdOut, Does.Contain("(0018,0040) IS [15]"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0010) US 64"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0011) US 48"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0101) US 12"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0102) US 11"));
            Assert.That(dump.StdOut, Does.Contain("(0018,1510) DS [-30.5]"));
            Assert.That(dump.StdOut, Does.Contain(@"(0018,1164) DS [0.2\0.2]"));
        });
    }

    /// <summary>dicom3tools' IOD check: no error (before: the type 2C Laterality, exposure and Positioner Motion were missing).</summary>
    [Test]
    public void DciodvfyFindsNoErrorInAnXaRun()
    {
        var path = WriteRun(TestRuns.Noisy(4, frames: 3));
        var check = Dcmtk.Run("dciodvfy", path);
        string output = check.StdOut + check.StdErr;
        Assert.That(output, Does.Contain("XAImage"), "dciodvfy recognised the IOD");
        Assert.That(output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty, output);
    }

    [Test]
    public void DcmftestRecognisesPart10()
    {
        var result = Dcmtk.Run("dcmftest", WriteRun(TestRuns.Noisy(2)));
        Assert.That(result.StdOut, Does.StartWith("yes:"));
    }

    [Test]
    public void UnequalSpacingIsWrittenAsFrameTimeVector()
    {
        var path = WriteRun(TestRuns.Noisy(3, frames: 4, timesMs: [0, 100, 150, 250]));
        var dump = Dcmtk.Run("dcmdump", path);
        Assert.Multiple(() =>
        {
            Assert.That(dump.StdErr, Is.Empty);
            Assert.That(dump.StdOut, Does.Contain(@"(0018,1065) DS [0\100\50\100]"));
            Assert.That(dump.StdOut, Does.Contain("(0028,0009) AT (0018,1065)"));
            Assert.That(dump.StdOut, Does.Not.Contain("(0018,1063)"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void DcmtkDecodesThePixelsWritten(bool deflate)
    {
        var run = TestRuns.Noisy(4, rows: 16, columns: 8, frames: 2) with { Deflate = deflate };
        var path = WriteRun(run);
        var prefix = Path.Combine(Dir, "f");
        var result = Dcmtk.Run("dcmj2pnm", "-M", "-W", "+Fa", "+opn", "12", path, prefix);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        for (var f = 0; f < run.Frames.Count; f++)
        {
            var values = File.ReadAllText($"{prefix}.{f}.pgm").Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Skip(4).Select(ushort.Parse).ToArray();
            Assert.That(values, Is.EqualTo(run.Frames[f]), $"frame {f}");
        }
    }
}
