using System.Text.Json;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>The Capture issue's acceptance forms, run through the built command.</summary>
[TestFixture]
public sealed class DicomCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [TestCase("nema_CT0012_rle_bot_2f.dcm")]
    [TestCase("pydicom_emri_small_jpeg_2k_lossless_10f.dcm")]
    [TestCase("dcm4che_test16signed.dcm")]
    [TestCase("pydicom_MR_small_bigendian.dcm")]
    public async Task FramesChecksumsAreByteIdenticalToTheOracle(string sample)
    {
        var result = await CliProcess.RunAsync(RepoPaths.Root, Limit, "dicom", "frames", RepoPaths.Require(Path.Combine(RepoPaths.DicomSamples, sample)), "--checksums");
        string oracle = await File.ReadAllTextAsync(RepoPaths.Require(Path.Combine(RepoPaths.DicomSamples, "oracle", sample + ".frames.tsv")));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Is.EqualTo(oracle));
        });
    }

    [Test]
    public async Task ABrokenSampleIsExitCode2AndOneLineOnStderr()
    {
        string sample = RepoPaths.Require(Path.Combine(RepoPaths.DicomSamples, "orthanc_oob-monochrome-65535.dcm"));
        var result = await CliProcess.RunAsync(RepoPaths.Root, Limit, "dicom", "frames", sample, "--checksums");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain("orthanc_oob-monochrome-65535.dcm"));
        });
    }

    [Test]
    public async Task InfoJsonParsesAndDescribesTheRun()
    {
        var result = await CliProcess.RunAsync(RepoPaths.Root, Limit, "dicom", "info", Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"), "--json");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var info = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(info.GetProperty("rows").GetInt32(), Is.EqualTo(512));
            Assert.That(info.GetProperty("frames").GetInt32(), Is.EqualTo(10));
            Assert.That(info.GetProperty("transferSyntaxUid").GetString(), Is.EqualTo("1.2.840.10008.1.2.1.99"), "the replay-data runs are deflated explicit VR LE");
            Assert.That(info.GetProperty("view").GetString(), Is.EqualTo("LAT"));
        });
    }
}
