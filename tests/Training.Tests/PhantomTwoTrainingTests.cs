using OccluNet.Live.Domain;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Output;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Training.Tests;

/// <summary>What training on phantom 2 adds: its sources, the display-like augmentation, causal windows, fine-tuning from a checkpoint.</summary>
public sealed class PhantomTwoTrainingTests
{
    [Test]
    public void PhantomTwoAndCombinedSourcesParse()
    {
        var two = (PhantomSplit)DataSource.Parse("phantom2:7:3:64");
        Assert.That((two.Version, two.FirstSeed, two.Count, two.Size), Is.EqualTo((2, 7UL, 3, 64)));
        Assert.That(two.Options.PhantomVersion, Is.EqualTo(2));
        Assert.That(two.Options.Native, Is.False, "the models read subtracted frames: phantom-2 splits store none native");
        Assert.That(((PhantomSplit)DataSource.Parse("phantom:7:3")).Options.Native, Is.Null, "phantom 1 unchanged");

        var combined = DataSource.Parse("phantom2:1:4:64+phantom:100:2:64");
        Assert.That(combined, Is.TypeOf<CombinedSource>());
        Assert.That(((CombinedSource)combined).Parts.Select(p => ((PhantomSplit)p).Version), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(combined.Runs().Count, Is.EqualTo(6));
        Assert.That(DataSource.Parse("runs+more"), Is.TypeOf<DicomFolderSource>(), "a folder whose name holds '+' stays one folder");

        // A seed's phantom-2 run shares its phantom-1 anatomy: the versions overlap by seed, whichever side is combined.
        Assert.That(new PhantomSplit(101, 5).Overlaps(combined) || combined.Overlaps(new PhantomSplit(101, 5)), Is.True);
        var options = TinyTraining.Options() with { Train = combined, Validation = new PhantomSplit(3, 1, 64) { Version = 2 } };
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("overlap"));
        Assert.That((options with { Validation = new PhantomSplit(50, 1, 64) }).Validate, Throws.Nothing);
    }

    [Test]
    public void PhantomRunsReadFromFilesOverlapTheSplitOfTheirSeeds()
    {
        var folder = TinyTraining.TempFolder();
        var run = PhantomGenerator.Generate(5, new PhantomOptions { Size = 64, Frames = 4, PhantomVersion = 2, Native = true });
        RunWriter.Write(run, folder, deflate: false);
        var options = TinyTraining.Options() with
        {
            Train = DataSource.Parse($"phantom2:100:2:64+dicom:{folder}"),
            Validation = new PhantomSplit(4, 3, 64) { Version = 2 },
        };
        Assert.That(options.Validate, Throws.ArgumentException.With.Message.Contains("overlap"), "seed 5 is validation's and in the training folder");
        Assert.That((options with { Validation = new PhantomSplit(6, 3, 64) { Version = 2 } }).Validate, Throws.Nothing);
        Assert.That(new PhantomSplit(5, 1).Overlaps(DataSource.Parse($"dicom:{folder}")), Is.True, "by seed, whatever the version");
        Assert.That(new[] { run.RunId, "ph5-ap-twin", "ph12-lat", "phantom-1", "ph-5-ap", "ph+5-ap", "wg04_XA1_UNC" }.Select(PhantomGenerator.SeedOf),
            Is.EqualTo(new ulong?[] { 5, 5, 12, null, null, null, null }));
    }

    [Test]
    public void TwinsAreTheSameRunsWithoutTheirOcclusion()
    {
        var runs = (PhantomSplit)DataSource.Parse("phantom2:40:2:64:m2=1");
        var twins = (PhantomSplit)DataSource.Parse("phantom2:40:2:64:m2=1:twins");
        Assert.That((twins.Twins, runs.Twins, twins.Spec), Is.EqualTo((true, false, "phantom2:40:2:64:m2=1:twins")));
        Assert.That(((PhantomSplit)DataSource.Parse(twins.Spec)).Twins, Is.True, "the spec reads back");
        Assert.That(twins.Overlaps(runs) && runs.Overlaps(twins), Is.True, "a twin shares its run's head: the same sequence for splitting");

        var run = runs.Entries().First().Read();
        var twin = twins.Entries().First().Read();
        Assert.That(run.Run.Truth.Occlusion, Is.Not.Null);
        Assert.That(twin.Run.Truth.Occlusion, Is.Null, "the twin has no occlusion to find");
        Assert.That(twin.Run.Truth.RunId, Is.EqualTo(run.Run.Truth.RunId + "-twin"), "never the run's own id");
        Assert.That(twin.Frames, Has.Count.EqualTo(run.Frames.Count));
        // Same head, flow, devices and noise: most pixels agree; the occluded territory does not.
        int same = 0, total = 0;
        for (int f = 0; f < run.Frames.Count; f++)
            for (int i = 0; i < run.Frames[f].Length; i++, total++)
                if (run.Frames[f][i] == twin.Frames[f][i]) same++;
        Assert.That(same, Is.GreaterThan(total / 2).And.LessThan(total));
    }

    [Test]
    public void DevicesGivesEveryRunAllItsDevicesAndOnlyOnPhantomTwo()
    {
        var drawn = (PhantomSplit)DataSource.Parse("phantom2:70:3:64:neg=1");
        var all = (PhantomSplit)DataSource.Parse("phantom2:70:3:64:neg=1:devices");
        Assert.That((all.AllDevices, drawn.AllDevices, all.Spec), Is.EqualTo((true, false, "phantom2:70:3:64:neg=1:devices")));
        Assert.That(((PhantomSplit)DataSource.Parse(all.Spec)).AllDevices, Is.True, "the spec reads back");
        Assert.That(((PhantomSplit)DataSource.Parse("phantom2:70:3:64:devices:twins")).AllDevices, Is.True);

        bool Coils(PhantomSplit split, ulong seed) => split.Generate(seed, 1).GroundTruth.Parameters.Phantom2!.Devices.Coils;
        Assert.That(all.Seeds.All(seed => Coils(all, seed)), Is.True, "a coil mass in every run");
        Assert.That(drawn.Seeds.Count(seed => Coils(drawn, seed)), Is.LessThan(3), "drawn: 8 % of runs");
        var e = Assert.Throws<FormatException>(() => DataSource.Parse("phantom:70:3:64:devices"));
        Assert.That(e!.Message, Does.Contain("70:3:64:devices").And.Contain("needs phantom 2"));
    }

    [Test]
    public void CombinedSourcePreparesEveryPartInOrder()
    {
        var source = DataSource.Parse("phantom2:11:2:64+phantom:12:1:64");
        var prepared = source.Prepare(new Model.Preprocessing.FramePreprocessor(64, Model.Preprocessing.InputNormalisation.Default), false, new FrameCache(1 << 20), 1);
        Assert.That(prepared, Has.Count.EqualTo(3));
        var parts = ((CombinedSource)source).Parts;
        var expected = parts.SelectMany(p => p.Entries().Select(e => e.Run.Truth.RunId)).ToArray();
        Assert.That(expected, Has.Length.EqualTo(3));
        Assert.That(prepared.Select(r => r.Run.Truth.RunId), Is.EqualTo(expected));
        // Phantom 2 draws other pixels from the same seed's parameters: the first run differs from phantom 1's seed 11.
        var one = DataSource.Parse("phantom:11:1:64").Prepare(new Model.Preprocessing.FramePreprocessor(64, Model.Preprocessing.InputNormalisation.Default), false, new FrameCache(1 << 20), 1);
        Assert.That(prepared[0].Inputs[0], Is.Not.EqualTo(one[0].Inputs[0]));
    }

    [Test]
    public void DisplayLikeTransformQuantisesToEightBitsAndLeavesThePadAlone()
    {
        const int side = 32, width = 24, height = 16, frames = 3;
        var window = new float[frames * side * side];
        var random = new Random(5);
        for (int i = 0; i < window.Length; i++) window[i] = 100 + 60 * (float)random.NextDouble();
        const float pad = 114f;
        for (int f = 0; f < frames; f++)
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    if (x >= width || y >= height) window[f * side * side + y * side + x] = pad;
        var original = window.ToArray();

        Assert.That(new DisplayLikeTransform(0, new Random(1)).Apply(window, frames, side, width, height), Is.False);
        Assert.That(window, Is.EqualTo(original), "probability 0: untouched");

        Assert.That(new DisplayLikeTransform(1, new Random(1)).Apply(window, frames, side, width, height), Is.True);
        var image = Enumerable.Range(0, window.Length).Where(i => i % side < width && i / side % side < height).ToArray();
        var padIndices = Enumerable.Range(0, window.Length).Except(image).ToArray();
        Assert.That(image, Has.Length.EqualTo(frames * width * height));
        Assert.That(padIndices.All(i => window[i] == pad), Is.True, "the letterbox pad is not part of the display");
        // Every image pixel is what the video source makes of one of the 256 display values (the middle of its step).
        var videoValues = Capture.Sources.Video.VideoGreyMapping.FullRange.ToStoredTable().Select(v => v / 1023f * 255f).ToHashSet();
        Assert.That(videoValues, Has.Count.EqualTo(256));
        Assert.That(image.All(i => videoValues.Contains(window[i])), Is.True);
        // The window stretched the image's narrow range (100-160 of 255) over most of the display.
        Assert.That(image.Max(i => window[i]) - image.Min(i => window[i]), Is.GreaterThan(120));
        // Order kept: a darker stored value is never shown lighter (the display is monotonic; no blocks at this seed is not assumed,
        // so compare pairs far apart in value only).
        int dark = image.MinBy(i => original[i]), light = image.MaxBy(i => original[i]);
        Assert.That(window[dark], Is.LessThan(window[light]));
    }

    [Test]
    public void ARoundFieldBlackensOutsideAlikeInEveryFrameAndKeepsTheBoxesAndThePad()
    {
        const int side = 64, width = 64, height = 48, frames = 2;
        var box = new Box(1, 1, 9, 9); // in a corner: the field must widen to keep it whole
        int blackened = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var window = new float[frames * side * side];
            for (int f = 0; f < frames; f++)
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                        window[f * side * side + y * side + x] = y < height ? 100 + x + f : 7; // rows from 48 on: the letterbox pad
            var boxes = seed % 2 == 0 ? new[] { box } : Array.Empty<Box>();
            Assert.That(new CollimatorTransform(1, new Random(seed)).Apply(window, frames, side, width, height, boxes), Is.True);
            int zeros = 0;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    float a = window[y * side + x], b = window[side * side + y * side + x];
                    if (y >= height) { Assert.That((a, b), Is.EqualTo((7f, 7f)), "the pad stays"); continue; }
                    Assert.That(a / (100 + x), Is.EqualTo(b / (101 + x)).Within(1e-6), "one field for every frame");
                    Assert.That(a, Is.InRange(0f, 100f + x));
                    if (a == 0) zeros++;
                    if (boxes.Length > 0 && box.Contains(x + 0.5f, y + 0.5f)) Assert.That(a, Is.EqualTo(100f + x), "the box stays whole");
                }
            if (zeros > 0) blackened++;
        }
        Assert.That(blackened, Is.GreaterThan(10), "most fields cut something off");

        var untouched = Enumerable.Repeat(50f, side * side).ToArray();
        Assert.That(new CollimatorTransform(0, new Random(1)).Apply(untouched, 1, side, width, height, []), Is.False);
        Assert.That(untouched, Is.All.EqualTo(50f));
        Assert.That((TinyTraining.Options() with { CollimatorAugment = 1.5 }).Validate, Throws.ArgumentException);
    }

    [Test]
    public void CausalOrLongerWindowTrainingStartsFromACentredCheckpointAndRefusesAnotherVariant()
    {
        var dir = TinyTraining.TempFolder();
        try
        {
            var centred = TinyTraining.Options() with { Epochs = 1, IterationsPerEpoch = 1 };
            new Trainer(centred, Path.Combine(dir, "centred")).Run(false);
            var start = Path.Combine(dir, "centred", Trainer.ModelFile);

            var lines = new List<string>();
            var causal = centred with { InitFrom = start, Window = WindowMode.Causal, DisplayAugment = 0.5, CollimatorAugment = 0.5 };
            new Trainer(causal, Path.Combine(dir, "causal"), lines.Add).Run(false);
            Assert.That(lines, Has.Some.Contains("starting from").And.Contains("window 3 causal"));
            var (model, metadata) = Model.Checkpoints.Checkpoint.LoadModel(Path.Combine(dir, "causal", Trainer.ModelFile));
            model.Dispose();
            Assert.That(metadata.Temporal.Mode, Is.EqualTo(WindowMode.Causal));
            Assert.That(metadata.TrainingData, Does.Contain($"fine-tuned from {start}").And.Contains("display-like transforms on 0.5 of windows").And.Contains("a round field on 0.5 of windows"),
                "a fine-tune's checkpoint names its start and its display transforms");

            // A longer window from the same start: the sinusoidal position code has no weights, so every tensor fits.
            var longer = centred with { InitFrom = start, WindowLength = 5 };
            new Trainer(longer, Path.Combine(dir, "longer"), lines.Add).Run(false);
            Assert.That(lines, Has.Some.Contains("window 5 centred"));
            var (five, fiveMetadata) = Model.Checkpoints.Checkpoint.LoadModel(Path.Combine(dir, "longer", Trainer.ModelFile));
            five.Dispose();
            Assert.That(fiveMetadata.Temporal.WindowLength, Is.EqualTo(5));
            Assert.That((centred with { WindowLength = 4 }).Validate, Throws.ArgumentException.With.Message.Contains("odd"));
            Assert.That((TinyTraining.Options(TrainingVariant.MinIp) with { WindowLength = 5 }).Validate, Throws.ArgumentException);

            var other = TinyTraining.Options(TrainingVariant.OccluNet2) with { Epochs = 1, IterationsPerEpoch = 1, InitFrom = start };
            Assert.That(() => new Trainer(other, Path.Combine(dir, "other")).Run(false),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains(start).And.Message.Contains("OccluNet1"));
            Assert.That((TinyTraining.Options(TrainingVariant.MinIp) with { Window = WindowMode.Causal }).Validate, Throws.ArgumentException);
            Assert.That((centred with { DisplayAugment = 1.5 }).Validate, Throws.ArgumentException);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void OccluNet2TakesBackboneNeckAndHeadFromAnOccluNet1AndItsTemporalModuleFromItsInit()
    {
        var dir = TinyTraining.TempFolder();
        try
        {
            var one = TinyTraining.Options() with { Epochs = 1, IterationsPerEpoch = 1, Seed = 2 };
            new Trainer(one, Path.Combine(dir, "one")).Run(false);
            var two = TinyTraining.Options(TrainingVariant.OccluNet2) with { Epochs = 1, IterationsPerEpoch = 1 };
            new Trainer(two, Path.Combine(dir, "two")).Run(false);
            string spatial = Path.Combine(dir, "one", Trainer.ModelFile), temporal = Path.Combine(dir, "two", Trainer.ModelFile);

            // A learning rate too small to move a weight: the raw weights after one step are the start's.
            var lines = new List<string>();
            var both = two with { InitFrom = temporal, SpatialFrom = spatial, LearningRate = 1e-12 };
            new Trainer(both, Path.Combine(dir, "both"), lines.Add).Run(false);
            Assert.That(lines, Has.Some.Contains($"backbone, neck and head from {spatial}; temporal module from {temporal}"));

            using var spatialModel = Model.Checkpoints.Checkpoint.LoadModel(spatial).Model;
            using var temporalModel = Model.Checkpoints.Checkpoint.LoadModel(temporal).Model;
            var (started, metadata) = Model.Checkpoints.Checkpoint.LoadModel(Path.Combine(dir, "both", Trainer.RawFile));
            using (started)
            {
                Assert.That(metadata.Temporal.Variant, Is.EqualTo(Model.TemporalVariant.OccluNet2));
                Assert.That(metadata.TrainingData, Does.Contain($"backbone, neck and head from {spatial}"));
                var a = spatialModel.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                var b = temporalModel.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                int spatialKeys = 0, temporalKeys = 0;
                foreach (var (name, value) in started.named_parameters())
                {
                    var expected = Model.OccluNetModel.IsTemporalKey(name) ? b[name] : a[name];
                    Assert.That(value.allclose(expected, rtol: 0, atol: 1e-6), Is.True, name);
                    if (Model.OccluNetModel.IsTemporalKey(name)) temporalKeys++;
                    else if (!value.allclose(b[name], rtol: 0, atol: 1e-4)) spatialKeys++;
                }
                Assert.That(temporalKeys, Is.GreaterThan(0));
                Assert.That(spatialKeys, Is.GreaterThan(0), "the two sources differ, so the copy is seen");
            }

            var wider = two with { Scale = Model.Yolox.YoloxScale.Custom(0.33, 0.25), SpatialFrom = spatial };
            Assert.That(() => new Trainer(wider, Path.Combine(dir, "wider")).Run(false),
                Throws.InstanceOf<InvalidDataException>().With.Message.Contains(spatial), "another scale has other tensor shapes");
            Assert.That((two with { SpatialFrom = spatial, PretrainedOnnx = spatial }).Validate, Throws.ArgumentException);
            Assert.That((two with { SpatialFrom = Path.Combine(dir, "missing.safetensors") }).Validate, Throws.InstanceOf<FileNotFoundException>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
