using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Tests;

public class GroundTruthTests
{
    [TestCase(21UL, OcclusionClass.M1, PhantomView.Ap)]
    [TestCase(22UL, OcclusionClass.M2, PhantomView.Lateral)]
    [TestCase(23UL, OcclusionClass.IntracranialIca, PhantomView.Ap)]
    public void FixedBoxIsCentredOnTheClotAndTheStumpIsDarkThere(ulong seed, OcclusionClass cls, PhantomView view)
    {
        var c = CaseSampler.Sample(seed, SmallRuns.Options(cls, view: view) with { Face = ClotFace.CutOff });
        var scene = PhantomScene.Build(c, 96);
        var run = PhantomGenerator.Generate(c, 96);
        var occ = run.Truth.Occlusion!;
        Assert.That(occ.Class, Is.EqualTo(cls));
        var (fx, fy) = scene.Projector.Project(scene.Tree.Edges[scene.Clot!.FaceEdge].P1);
        Assert.That(occ.FixedBox.CenterX, Is.EqualTo((float)fx).Within(1e-3));
        Assert.That(occ.FixedBox.CenterY, Is.EqualTo((float)fy).Within(1e-3));
        Assert.That(occ.FixedBox.Width, Is.EqualTo(40f * 96 / 1024).Within(1e-4));
        Assert.That(occ.TightBox.Contains(occ.ClotX, occ.ClotY), Is.True);

        // Noise-free: at the stump's peak frame the pixels just proximal to the face carry clearly more iodine than
        // the twin-free run shows downstream of the clot.
        int peak = Enumerable.Range(0, c.Acquisition.FrameTimesS.Length).MaxBy(f => scene.Flow.Concentration(scene.Clot.FaceEdge, c.Acquisition.FrameTimesS[f]));
        var image = new float[96 * 96];
        scene.Iodine(c.Acquisition.FrameTimesS[peak], image, new float[scene.Tree.Edges.Count]);
        float atFace = MaxAround(image, scene.Tree.Edges[scene.Clot.FaceEdge].P0, scene);
        Assert.That(atFace, Is.GreaterThan(0.05f), "the stump at the clot face is opacified");
        Assert.That(occ.IsVisibleIn(peak), Is.True);
    }

    [Test]
    public void VisibilityIntervalFollowsContrastAtTheClot()
    {
        var c = CaseSampler.Sample(31, SmallRuns.Options(OcclusionClass.M1, frames: 36, fps: 2));
        var scene = PhantomScene.Build(c, 96);
        var run = PhantomGenerator.Generate(c, 96);
        var times = c.Acquisition.FrameTimesS;
        var face = scene.Flow.Antegrade[scene.Clot!.FaceEdge];
        var occ = run.Truth.Occlusion!;
        Assert.That(occ.FirstVisibleFrame, Is.GreaterThan(0), "the first frames precede contrast");
        Assert.That(times[occ.FirstVisibleFrame], Is.GreaterThan(face.T0), "visible only after contrast reaches the clot");
        double C(int f) => scene.Flow.Concentration(scene.Clot.FaceEdge, times[f]);
        Assert.That(C(occ.FirstVisibleFrame - 1), Is.LessThan(0.2 * face.Peak));
        Assert.That(C(occ.FirstVisibleFrame), Is.GreaterThanOrEqualTo(0.2 * face.Peak));
        Assert.That(occ.LastVisibleFrame, Is.GreaterThanOrEqualTo(occ.FirstVisibleFrame));
        Assert.That(occ.LastVisibleFrame, Is.LessThan(times.Length - 1), "the run outlasts the washout, so the interval's end is tested");
        Assert.That(C(occ.LastVisibleFrame + 1), Is.LessThan(0.2 * face.Peak), "washed out after the interval");
        Assert.That(run.GroundTruth.Visible, Has.Length.EqualTo(times.Length));
        for (int f = 0; f < times.Length; f++) Assert.That(run.GroundTruth.Visible[f], Is.EqualTo(occ.IsVisibleIn(f)));
    }

    [Test]
    public void NegativesHaveNoOcclusionAndNoVisibleFrame()
    {
        var run = PhantomGenerator.Generate(41, SmallRuns.Options(null));
        Assert.That(run.Truth.Occlusion, Is.Null);
        Assert.That(run.GroundTruth.Visible, Has.All.False);
        Assert.That(run.GroundTruth.MinipDifficultySigma, Is.Null);
    }

    [Test]
    public void TruthSerialisesWithTheDomainConvention()
    {
        var run = PhantomGenerator.Generate(42, SmallRuns.Options(OcclusionClass.M1));
        string json = System.Text.Json.JsonSerializer.Serialize(run.GroundTruth, DomainJson.Options);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var truth = System.Text.Json.JsonSerializer.Deserialize<RunTruth>(doc.RootElement.GetProperty("truth").GetRawText(), DomainJson.Options)!;
        Assert.That(truth, Is.EqualTo(run.Truth).Using<RunTruth>((x, y) => x.RunId == y.RunId && x.Occlusion!.FixedBox == y.Occlusion!.FixedBox));
        Assert.That(doc.RootElement.GetProperty("truth").GetProperty("occlusion").GetProperty("class").GetString(), Is.EqualTo("M1"));
        Assert.That(doc.RootElement.GetProperty("seed").GetUInt64(), Is.EqualTo(42UL));
    }

    static float MaxAround(float[] image, Geometry.Vec3 p, PhantomScene scene)
    {
        var (x, y) = scene.Projector.Project(p);
        float max = 0;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                int px = (int)x + dx, py = (int)y + dy;
                if (px >= 0 && py >= 0 && px < 96 && py < 96) max = Math.Max(max, image[py * 96 + px]);
            }
        return max;
    }
}
