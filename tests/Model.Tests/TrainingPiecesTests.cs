using OccluNet.Live.Domain;
using OccluNet.Live.Model.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class TrainingPiecesTests
{
    [Test]
    public void DiouIsZeroForEqualBoxesAndPenalisesCentreDistance()
    {
        using var scope = NewDisposeScope();
        var target = tensor(new float[] { 0, 0, 10, 10, 0, 0, 10, 10 }, [2, 4]);
        var pred = tensor(new float[] { 0, 0, 10, 10, 20, 0, 30, 10 }, [2, 4]);
        var loss = BoxOps.DiouLoss(pred, target);
        // Disjoint pair: IoU 0, centres 20 apart, enclosing box 30 x 10 -> 1 + 400 / 1000.
        Assert.Multiple(() =>
        {
            Assert.That(loss[0].item<float>(), Is.EqualTo(0f).Within(1e-5));
            Assert.That(loss[1].item<float>(), Is.EqualTo(1.4f).Within(1e-5));
        });
    }

    [Test]
    public void SimOtaAssignsPriorsNearTheBoxAndNothingFarAway()
    {
        using var scope = NewDisposeScope();
        // One 8 x 8 stride-8 level (64 px input); box 16..40 in both axes; predictions equal the box at every prior.
        var priors = stack([arange(8f).repeat(8) * 8, arange(8f).repeat_interleave(8) * 8, full(64, 8f)], 1);
        var gt = tensor(new float[] { 16, 16, 40, 40 }, [1, 4]);
        var boxes = gt.expand(64, 4).clone();
        var scores = full(64, 1, 0.5f);
        var a = new SimOtaAssigner().Assign(scores, boxes, priors, gt, tensor(new long[] { 0 }));
        var positives = a.PositiveIndices.data<long>().ToArray();
        // Every candidate predicts IoU 1, so dynamic k = 10: the 9 cells centred inside the box (and its centre square)
        // come first, the 10th is the cheapest penalised one from the centre square; nothing beyond radius 2.5 strides.
        Assert.That(positives, Has.Length.EqualTo(10));
        var insideBox = positives.Where(p => p % 8 * 8 + 4 is > 16 and < 40 && p / 8 * 8 + 4 is > 16 and < 40).ToArray();
        Assert.That(insideBox, Has.Length.EqualTo(9));
        Assert.That(positives.All(p => Math.Abs(p % 8 * 8 + 4 - 28) < 20 && Math.Abs(p / 8 * 8 + 4 - 28) < 20), Is.True);
        Assert.That(a.MatchedIous.min().item<float>(), Is.EqualTo(1f).Within(1e-5));
    }

    [TestCase(false, 1L)]
    [TestCase(true, 0L)]
    public void APriorClaimedByTwoBoxesKeepsTheCheaperOne(bool cheaperBoxFirst, long cheaperIndex)
    {
        using var scope = NewDisposeScope();
        // One 8 x 8 stride-8 level; cell centres 4, 12, ..., 60. Every prior predicts exactly box B = (8,8)-(40,40), so
        // its IoU is 1 with B and 576/1472 = 0.39 with A = (0,0)-(32,32): dynamic k is 10 for B and 3 for A. Scores fall
        // with the distance from (20,20) (ties broken by index), so A's 3 cheapest priors - (20,20), (20,12), (12,20) -
        // are also among B's 10 cheapest: each is claimed twice and must go to B, whose IoU cost is 0 (A's is 3·0.94).
        // Checked in both box orders, so "the first box wins" (argmax of a doubly claimed row) fails one of the cases.
        var priors = stack([arange(8f).repeat(8) * 8, arange(8f).repeat_interleave(8) * 8, full(64, 8f)], 1);
        var a = new float[] { 0, 0, 32, 32 };
        var b = new float[] { 8, 8, 40, 40 };
        var gt = tensor((cheaperBoxFirst ? b.Concat(a) : a.Concat(b)).ToArray(), [2, 4]);
        var boxes = tensor(b, [1, 4]).expand(64, 4).clone();
        var scores = tensor(Enumerable.Range(0, 64).Select(p =>
        {
            float dx = p % 8 * 8 + 4 - 20, dy = p / 8 * 8 + 4 - 20;
            return 0.95f - 0.0001f * (dx * dx + dy * dy) - 0.00001f * p;
        }).ToArray(), [64, 1]);
        var assignment = new SimOtaAssigner().Assign(scores, boxes, priors, gt, tensor(new long[] { 0, 0 }));
        var positives = assignment.PositiveIndices.data<long>().ToArray();
        var owners = assignment.GtIndices.data<long>().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(positives, Has.Length.EqualTo(10), "B's 10; A's 3 were all B's too");
            Assert.That(positives, Does.Contain(2L * 8 + 2).And.Contain(1L * 8 + 2).And.Contain(2L * 8 + 1), "the doubly claimed priors stay positive");
            Assert.That(positives.Distinct().Count(), Is.EqualTo(positives.Length));
            Assert.That(owners, Has.Length.EqualTo(10).And.All.EqualTo(cheaperIndex), "each doubly claimed prior keeps the box with the lower cost");
            Assert.That(assignment.MatchedIous.min().item<float>(), Is.EqualTo(1f).Within(1e-5), "matched to B, IoU 1");
        });
    }

    [Test]
    public void ScheduleWarmsUpQuadraticallyThenCosineThenStaysConstant()
    {
        var s = new LearningRateSchedule(IterationsPerEpoch: 10);
        Assert.Multiple(() =>
        {
            Assert.That(s.At(0), Is.EqualTo(0.01 * Math.Pow(1 / 20.0, 2)).Within(1e-12));
            Assert.That(s.At(19), Is.EqualTo(0.01).Within(1e-12));
            Assert.That(s.At(20), Is.EqualTo(0.01).Within(1e-12));
            // Last cosine iteration k = 16E - 1 with T_max = 18E: near 3.1e-4, not eta_min 1e-5.
            Assert.That(s.At(179), Is.EqualTo(1e-5 + (0.01 - 1e-5) * (1 + Math.Cos(Math.PI * 159 / 180)) / 2).Within(1e-12));
            Assert.That(new LearningRateSchedule(IterationsPerEpoch: 1000).At(17_999), Is.EqualTo(3.11e-4).Within(0.01e-4));
            Assert.That(s.At(199), Is.EqualTo(s.At(179)), "constant tail");
            Assert.That(s.At(100), Is.LessThan(s.At(50)));
        });
    }

    [Test]
    public void ScaledScheduleIsTheAuthorsAtTwentyEpochsAndEndsAShortRunAsLowOnTheCosine()
    {
        var authors = new LearningRateSchedule(IterationsPerEpoch: 10);
        var twenty = LearningRateSchedule.For(ScheduleShape.Scaled, 10, 20, 0.01);
        var ten = LearningRateSchedule.For(ScheduleShape.Scaled, 10, 10, 0.01);
        var tenAuthors = LearningRateSchedule.For(ScheduleShape.AuthorsEpochs, 10, 10, 0.01);
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 200).Select(twenty.At), Is.EqualTo(Enumerable.Range(0, 200).Select(authors.At)), "20 epochs: the authors' schedule");
            Assert.That(ten.At(9), Is.EqualTo(0.01).Within(1e-12), "warm-up over the first tenth");
            Assert.That(ten.At(99), Is.EqualTo(authors.At(199)).Within(5e-5), "a 10-epoch run ends about where the authors' 20 do (3.3e-4 at 0.01)");
            Assert.That(ten.At(99), Is.EqualTo(ten.At(89)), "constant tail after 9/10");
            Assert.That(tenAuthors.At(99), Is.GreaterThan(0.005), "the authors' epoch counts leave a 10-epoch run high on the cosine");
            Assert.That(tenAuthors.At(19), Is.EqualTo(0.01).Within(1e-12), "and warm up for 2 epochs");
        });
    }

    [Test]
    public void WeightDecayGoesToConvAndLinearWeightsOnly()
    {
        using var model = TinyModels.Build(TinyModels.Config(TemporalVariant.OccluNet1) with
        {
            Temporal = TinyModels.Config(TemporalVariant.OccluNet1).Temporal with { PositionalEncoding = PositionalEncodingKind.Learned },
        });
        var (decayed, notDecayed) = OptimizerFactory.Split(model);
        var names = model.named_parameters().ToDictionary(p => p.parameter.Handle, p => p.name);
        Assert.Multiple(() =>
        {
            Assert.That(decayed.Length + notDecayed.Length, Is.EqualTo(model.parameters().Count()));
            Assert.That(decayed.Select(p => names[p.Handle]), Has.All.EndWith(".weight"));
            Assert.That(decayed.Select(p => names[p.Handle]), Has.None.Contains(".bn.").And.None.Contains("norm"));
            Assert.That(notDecayed.Select(p => names[p.Handle]), Does.Contain("temporal_cfg.positional_encoding.weight").And.Contain("backbone.stem.conv.bn.weight"));
        });
        using var sgd = OptimizerFactory.Create(model, new SgdSettings());
        var groups = sgd.ParamGroups.Cast<SGD.ParamGroup>().ToArray();
        Assert.That(groups.Select(g => g.Options.weight_decay), Is.EqualTo(new double?[] { 5e-4, 0 }));
        Assert.That(groups.All(g => g.Options.nesterov == true && g.Options.momentum == 0.9 && g.LearningRate == 0.01), Is.True);
    }

    [Test]
    public void EmaCopiesFirstThenFollowsTheExpMomentum()
    {
        using var model = TinyModels.Build(TinyModels.Config(TemporalVariant.None));
        using var ema = new ModelEma(model);
        ema.Update(model);
        var key = "bbox_head.multi_level_conv_obj.0.bias";
        Assert.That(ema.Model.state_dict()[key].item<float>(), Is.EqualTo(model.state_dict()[key].item<float>()));
        using (no_grad()) model.state_dict()[key].add_(1f);
        float before = ema.Model.state_dict()[key].item<float>();
        ema.Update(model);
        double m = (1 - 0.0002) * Math.Exp(-2 / 2000.0) + 0.0002;
        Assert.That(ema.Model.state_dict()[key].item<float>() - before, Is.EqualTo(m).Within(1e-5));
    }

    [Test]
    public void FlipMirrorsWholeWindowsAndTheirBoxes()
    {
        using var scope = NewDisposeScope();
        var windows = arange(2 * 3 * 1 * 2 * 4, dtype: ScalarType.Float32).reshape(2, 3, 1, 2, 4);
        var targets = new[] { WindowTargets.Of((new Box(0, 0, 1, 2), 0)), WindowTargets.Negative };
        var (flipped, newTargets, which) = WindowFlip.Apply(windows, targets, new Random(0), probability: 1.0);
        Assert.Multiple(() =>
        {
            Assert.That(which, Is.EqualTo(new[] { true, true }));
            Assert.That(flipped[1, 2, 0, 1, 0].item<float>(), Is.EqualTo(windows[1, 2, 0, 1, 3].item<float>()));
            Assert.That(newTargets[0].Boxes[0], Is.EqualTo(new Box(3, 0, 4, 2)));
            Assert.That(newTargets[1].Boxes, Is.Empty);
        });
        var (_, _, none) = WindowFlip.Apply(windows, targets, new Random(0), probability: 0.0);
        Assert.That(none, Is.EqualTo(new[] { false, false }));
    }
}
