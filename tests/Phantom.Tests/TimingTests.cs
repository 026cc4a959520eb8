using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Flow;

namespace OccluNet.Live.Phantom.Tests;

public class TimingTests
{
    [TestCase(1.0)]
    [TestCase(3.0)]
    [TestCase(6.0)]
    public void FixedFpsGivesEvenlySpacedFrameTimes(double fps)
    {
        var run = PhantomGenerator.Generate(61, SmallRuns.Options(null, frames: 5, fps: fps));
        Assert.That(run.FrameTimesMs[0], Is.EqualTo(0));
        for (int i = 1; i < run.FrameTimesMs.Length; i++)
            Assert.That(run.FrameTimesMs[i] - run.FrameTimesMs[i - 1], Is.EqualTo(1000 / fps).Within(1e-3));
    }

    [Test]
    public void SampledRunsStayInsideTheAcquisitionRanges()
    {
        int variable = 0;
        for (ulong seed = 100; seed < 300; seed++)
        {
            var a = CaseSampler.Sample(seed, new PhantomOptions()).Acquisition;
            Assert.That(a.FrameTimesS.Length, Is.InRange(3, 76), $"seed {seed}");
            Assert.That(a.NominalFps, Is.AnyOf(1.0, 2.0, 3.0, 4.0, 6.0));
            for (int i = 1; i < a.FrameTimesS.Length; i++) Assert.That(a.FrameTimesS[i], Is.GreaterThan(a.FrameTimesS[i - 1]));
            if (a.VariableRate) variable++;
        }
        Assert.That(variable, Is.InRange(5, 40), "about 10% variable-rate runs");
    }

    [Test]
    public void GammaCurvePeaksAtItsTimeToPeak()
    {
        var g = new GammaCurve(1.0, 3, 0.4, 200);
        Assert.That(g.At(g.Ttp), Is.EqualTo(200).Within(1e-9));
        Assert.That(g.At(g.Ttp - 0.1), Is.LessThan(200));
        Assert.That(g.At(g.Ttp + 0.1), Is.LessThan(200));
        Assert.That(g.At(0.99), Is.EqualTo(0));
        Assert.That(g.At(g.RiseTime(0.5)), Is.EqualTo(100).Within(1e-6));
    }

    [Test]
    public void ArteriesFillBeforeBlushBeforeVeins()
    {
        var scene = PhantomScene.Build(CaseSampler.Sample(62, SmallRuns.Options(null)), 96);
        var f = scene.Flow;
        Assert.That(f.Ica.Ttp, Is.LessThan(f.BlushNormal.Ttp));
        Assert.That(f.BlushNormal.Ttp, Is.LessThan(f.VenousBase.Ttp));
        var phases = new[] { f.Ica.T0 - 0.5, f.Ica.Ttp, 0.5 * (f.BlushNormal.RiseTime(0.5) + f.VenousBase.RiseTime(0.5)), f.VenousBase.Ttp + 1 }.Select(f.PhaseAt).ToArray();
        Assert.That(phases, Is.EqualTo(new[] { "non-contrast", "arterial", "capillary", "venous" }));
    }

    [Test]
    public void ClassMixParsesAndRejectsBadInput()
    {
        var mix = ClassMix.Parse("neg=1, m1=1");
        Assert.That(mix.Draw(0.25), Is.Null);
        Assert.That(mix.Draw(0.75), Is.EqualTo(OccluNet.Live.Domain.OcclusionClass.M1));
        Assert.That(() => ClassMix.Parse("m3=2"), Throws.TypeOf<FormatException>().With.Message.Contains("m3"));
        Assert.That(() => ClassMix.Parse("m1=x"), Throws.TypeOf<FormatException>());
        Assert.That(() => new PhantomOptions { Size = 8 }.Validate(), Throws.ArgumentException.With.Message.Contains("size"));
    }
}
