using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// The TorchSharp engine with two threads on this CPU: libtorch tried NNPACK on every convolution and wrote
/// "Could not initialize NNPACK! Reason: Unsupported hardware." to stderr each time (410 lines for one 10-frame replay).
/// </summary>
[TestFixture]
public sealed class TorchEngineTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-torch-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task AReplayOnTheTorchEngineWithTwoThreadsWritesNoNativeNoise()
    {
        var result = await CliProcess.RunAsync(work, Limit, "replay", Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"), "--speed", "max",
            "--model", Path.Combine(RepoPaths.Root, "models", "occlunet1.safetensors"), "--engine", "torch", "--threads", "2", "--headless", "--quiet");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain("result ph501-lat.dcm:"), "the run was analysed");
            Assert.That(result.StdOut, Does.Contain("TorchSharp").Or.Contain("libtorch"), "on the torch engine");
            Assert.That(result.StdErr, Does.Not.Contain("NNPACK"), result.StdErr.Length > 2000 ? result.StdErr[..2000] : result.StdErr);
        });
    }
}
