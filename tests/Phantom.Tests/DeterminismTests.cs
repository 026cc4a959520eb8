using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Tests;

public class DeterminismTests
{
    [Test]
    public void SameSeedGivesIdenticalFramesAndTruth()
    {
        var options = SmallRuns.Options(OcclusionClass.M1) with { NoMotion = false };
        var a = PhantomGenerator.Generate(11, options);
        var b = PhantomGenerator.Generate(11, options);
        Assert.That(a.Frames.Length, Is.EqualTo(b.Frames.Length));
        for (int f = 0; f < a.Frames.Length; f++) Assert.That(a.Frames[f], Is.EqualTo(b.Frames[f]), $"frame {f}");
        Assert.That(System.Text.Json.JsonSerializer.Serialize(a.GroundTruth, DomainJson.Options),
            Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(b.GroundTruth, DomainJson.Options)));
    }

    [Test]
    public void ParallelFramesMatchSerialFrames()
    {
        var options = SmallRuns.Options(OcclusionClass.M2) with { NoMotion = false };
        var serial = PhantomGenerator.Generate(12, options, parallelism: 1);
        var parallel = PhantomGenerator.Generate(12, options, parallelism: 4);
        for (int f = 0; f < serial.Frames.Length; f++) Assert.That(parallel.Frames[f], Is.EqualTo(serial.Frames[f]), $"frame {f}");
        Assert.That(parallel.GroundTruth.MinipDifficultySigma, Is.EqualTo(serial.GroundTruth.MinipDifficultySigma));
    }

    [Test]
    public void DifferentSeedsGiveDifferentRuns()
    {
        var a = PhantomGenerator.Generate(1, SmallRuns.Options(OcclusionClass.M1));
        var b = PhantomGenerator.Generate(2, SmallRuns.Options(OcclusionClass.M1));
        Assert.That(a.Frames[^1], Is.Not.EqualTo(b.Frames[^1]));
    }

    [Test]
    public void OwnMathAgreesWithSystemMath()
    {
        foreach (double x in new[] { -700, -20.5, -1, -1e-9, 0, 0.3, 1, 2.5, 10, 300 })
            Assert.That(DetMath.Exp(x), Is.EqualTo(Math.Exp(x)).Within(2e-15 * Math.Exp(x) + 1e-300), $"exp {x}");
        foreach (double x in new[] { 1e-300, 1e-5, 0.5, 1, 1.4142, 2, 10, 1e6 })
            Assert.That(DetMath.Log(x), Is.EqualTo(Math.Log(x)).Within(1e-14 * Math.Max(1, Math.Abs(Math.Log(x)))), $"log {x}");
        foreach (double x in new[] { -40, -3.2, -1, 0, 0.5, 1.57, 3.14159, 7, 100 })
        {
            Assert.That(DetMath.Sin(x), Is.EqualTo(Math.Sin(x)).Within(1e-14), $"sin {x}");
            Assert.That(DetMath.Cos(x), Is.EqualTo(Math.Cos(x)).Within(1e-14), $"cos {x}");
        }
    }

    [Test]
    public void StreamsAreIndependent()
    {
        // Changing the dose (image stream) must not change the anatomy or the occlusion.
        var a = CaseSampler.Sample(5, SmallRuns.Options(OcclusionClass.M1));
        var b = CaseSampler.Sample(5, SmallRuns.Options(OcclusionClass.M1) with { DoseScale = 3 });
        Assert.That(b.Anatomy, Is.EqualTo(a.Anatomy));
        Assert.That(b.Occlusion, Is.EqualTo(a.Occlusion));
        Assert.That(b.Image.DosePerFrameUGy, Is.EqualTo(a.Image.DosePerFrameUGy * 3).Within(1e-12));
    }
}
