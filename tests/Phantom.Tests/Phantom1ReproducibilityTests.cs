using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Tests;

/// <summary>
/// Phantom 1 stays reproducible while phantom 2 grows beside it: old seeds give old runs. The checksums were computed
/// on main before phantom 2 existed (commit 00d542e); any change to a phantom-1 pixel or truth byte fails here.
/// </summary>
public class Phantom1ReproducibilityTests
{
    static readonly (ulong Seed, PhantomOptions Options, string Pixels, string Truth)[] Runs =
    {
        (11, SmallRuns.Options(OcclusionClass.M1) with { NoMotion = false }, "0AA74CACA700A19B", "F448B7FC74D83B13"),
        (21, SmallRuns.Options(null, frames: 6, view: PhantomView.Lateral) with { NoMotion = false, BitsStored = 12 }, "2703B8FF971AA3CD", "BFAFB7C6238113C4"),
        (7, new PhantomOptions { Size = 64, Frames = 5 }, "1884AD6506FA0A64", "FA3AA2329AB5567A"),
    };

    [Test]
    public void PhantomOneRunsAreUnchanged()
    {
        Assert.That(Runs, Has.Length.EqualTo(3));
        var got = Runs.Select(r => PhantomGenerator.Generate(r.Seed, r.Options)).ToList();
        foreach (var run in got) TestContext.Out.WriteLine($"{run.RunId}: pixels {PixelChecksum(run)} truth {TruthChecksum(run)}");
        for (int i = 0; i < Runs.Length; i++)
        {
            Assert.That(got[i].GroundTruth.GeneratorVersion, Is.EqualTo("phantom-1"));
            Assert.That(PixelChecksum(got[i]), Is.EqualTo(Runs[i].Pixels), $"{got[i].RunId} pixels");
            Assert.That(TruthChecksum(got[i]), Is.EqualTo(Runs[i].Truth), $"{got[i].RunId} truth");
        }
    }

    internal static string PixelChecksum(PhantomRun run)
    {
        using var sha = SHA256.Create();
        foreach (var frame in run.Frames)
        {
            var bytes = new byte[frame.Length * 2];
            Buffer.BlockCopy(frame, 0, bytes, 0, bytes.Length);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
        return Convert.ToHexString(sha.Hash!)[..16];
    }

    static string TruthChecksum(PhantomRun run) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(run.GroundTruth, DomainJson.Options))))[..16];
}
