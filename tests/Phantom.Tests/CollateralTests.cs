using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Tests;

public class CollateralTests
{
    static PhantomOptions LongM1(int grade) => SmallRuns.Options(OcclusionClass.M1, frames: 20, fps: 1) with
    {
        CollateralGrade = grade, CollateralDelayS = 2.5, Face = ClotFace.CutOff,
    };

    [Test]
    public void GoodDelayedCollateralsMakeTheMinIpLookAlmostNormal()
    {
        var fast = PhantomGenerator.Generate(51, LongM1(4)).GroundTruth;
        var none = PhantomGenerator.Generate(51, LongM1(0)).GroundTruth;
        TestContext.Out.WriteLine($"grade 4: {fast.MinipDifficultySigma} σ, deficit {fast.MinipDifficulty}; grade 0: {none.MinipDifficultySigma} σ, deficit {none.MinipDifficulty}");
        Assert.That(fast.MinipDifficultySigma, Is.LessThan(0.5 * none.MinipDifficultySigma!.Value));
        Assert.That(fast.MinipDifficulty, Is.LessThan(0.5 * none.MinipDifficulty!.Value));
        Assert.That(fast.TimingDependent, Is.True);
        Assert.That(none.TimingDependent, Is.False);
        Assert.That(fast.Collateral!.FilledFraction.Max(), Is.GreaterThan(0.5), "collaterals fill most of the occluded tree by the end");
        Assert.That(none.Collateral!.FilledFraction.Max(), Is.EqualTo(0));
    }

    [Test]
    public void CollateralsArriveLateAndRetrogradeDistalBeforeProximal()
    {
        var c = CaseSampler.Sample(52, LongM1(3));
        var scene = PhantomScene.Build(c, 96);
        var clot = scene.Clot!;
        var arrival = scene.Flow.CollateralArrivalS;
        // The temporal signature: the occluded vessels are empty when their normal twin fills, and fill later.
        var m2 = clot.Blocked.Where(e => scene.Tree.Edges[e].Segment == Anatomy.VesselSegment.M2 && !double.IsNaN(arrival[e])).ToList();
        Assert.That(m2, Is.Not.Empty);
        foreach (int e in m2)
            Assert.That(arrival[e] - scene.TwinFlow.Antegrade[e].T0, Is.GreaterThan(c.Occlusion!.CollateralDelayS), $"edge {e}");
        double distal = clot.Inlets.Where(e => !double.IsNaN(arrival[e])).Min(e => arrival[e]);
        double proximal = clot.ClotBody.Where(e => !double.IsNaN(arrival[e])).Select(e => arrival[e]).DefaultIfEmpty(double.PositiveInfinity).Min();
        Assert.That(distal, Is.LessThan(proximal), "the periphery fills before the segment next to the clot");
        Assert.That(clot.Blocked, Is.Not.Empty, "a cut-off clot blocks part of the tree");
        foreach (int e in clot.Blocked) Assert.That(scene.Flow.Antegrade[e].Peak, Is.EqualTo(0), "no antegrade filling behind a cut-off clot");
    }

    [Test]
    public void GradeZeroNeverFillsTheOccludedTree()
    {
        var scene = PhantomScene.Build(CaseSampler.Sample(53, LongM1(0)), 96);
        Assert.That(scene.Clot!.Blocked, Is.Not.Empty, "there is an occluded tree to look at");
        Assert.That(scene.Case.Acquisition.FrameTimesS, Has.Length.EqualTo(20));
        foreach (int e in scene.Clot!.Blocked)
            foreach (double t in scene.Case.Acquisition.FrameTimesS)
                Assert.That(scene.Flow.Concentration(e, t), Is.EqualTo(0));
    }
}
