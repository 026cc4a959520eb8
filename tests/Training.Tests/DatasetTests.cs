using System.Text.Json.Nodes;
using OccluNet.Live.Capture.Images;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Output;
using OccluNet.Live.Tests.Shared;
using OccluNet.Live.Training.Datasets;
using static TorchSharp.torch;

namespace OccluNet.Live.Training.Tests;

[NonParallelizable] // redirects Console
public sealed class DatasetTests
{
    static (int Code, string Out, string Err) Invoke(params string[] args) => InProcessCli.Invoke([EvalCommand.Create(), TrainCommand.Create(), DatasetCommand.Create()], args);

    /// <summary>A clean two-sequence split (32 px frames) to break one defect at a time.</summary>
    static string CleanSplit(string root)
    {
        var writer = new CocoWriter(root, "train");
        var frame = Enumerable.Repeat((ushort)200, 32 * 32).ToArray();
        IReadOnlyList<Box> box = [new Box(4, 4, 14, 14)];
        writer.Add("seq_a", [frame, frame, frame], 32, 32, 8, false, [[], box, box], OcclusionClass.M1);
        writer.Add("seq_b", [frame, frame, frame], 32, 32, 8, false, [[], [], []], null);
        writer.Finish();
        return writer.JsonPath;
    }

    static readonly (string Name, string Where, string What, Action<JsonObject, string> Break)[] Breaks =
    [
        ("duplicate-image-id", "images[5].id", "duplicate image id 1 (also images[0])", (j, _) => j["images"]![5]!["id"] = 1),
        ("missing-image", "images[2].file_name", "not found", (j, _) => j["images"]![2]!["file_name"] = "seq_a/frame_0009.jpg"),
        ("box-outside", "annotations[0].bbox", "lies outside image", (j, _) => j["annotations"]![0]!["bbox"] = new JsonArray(20, 20, 30, 5)),
        ("box-size", "annotations[1].bbox", "non-positive size", (j, _) => j["annotations"]![1]!["bbox"] = new JsonArray(2, 2, 0, 5)),
        ("unknown-image", "annotations[0].image_id", "unknown image 77", (j, _) => j["annotations"]![0]!["image_id"] = 77),
        ("unknown-category", "annotations[1].category_id", "unknown category 5", (j, _) => j["annotations"]![1]!["category_id"] = 5),
        ("duplicate-annotation-id", "annotations[1].id", "duplicate annotation id 1", (j, _) => j["annotations"]![1]!["id"] = 1),
        ("no-video-id", "images[4].video_id", "missing", (j, _) => j["images"]![4]!.AsObject().Remove("video_id")),
        ("mixed-sizes", "images[5]", "mixes image sizes", (j, split) =>
        {
            ImageFile.WriteJpeg(Path.Combine(split, "seq_b", "frame_0003.jpg"), new GrayImage(48, 48, 8, new ushort[48 * 48]));
            j["images"]![5]!["width"] = 48;
            j["images"]![5]!["height"] = 48;
        }),
    ];

    [Test]
    public void CheckNamesEveryDefectAndTrainAndEvalRefuseWithTheSameLine()
    {
        var root = TinyTraining.TempFolder();
        var clean = CleanSplit(root);
        var (code, output, error) = Invoke("dataset", "check", root);
        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("2 sequences, 6 frames (2 with a box), 2 boxes").And.Contain("defects: 0"));

        var model = Path.Combine(root, "tiny.safetensors");
        EvalCommandTests.SaveTinyModelAt(model, TrainingVariant.OccluNet1);
        Assert.That(Breaks, Has.Length.EqualTo(9));
        foreach (var (name, where, what, apply) in Breaks)
        {
            var json = JsonNode.Parse(File.ReadAllText(clean))!.AsObject();
            apply(json, Path.Combine(root, "train"));
            var broken = Path.Combine(root, "annotations", name + ".json");
            File.WriteAllText(broken, json.ToJsonString());
            var images = Path.Combine(root, "train");

            var defects = DatasetCheck.Run(broken, images).Single().Defects;
            Assert.That(defects, Has.Count.EqualTo(1), name + ": " + string.Join("\n", defects));
            var line = defects[0].ToString();
            Assert.That(line, Does.StartWith(broken + ": " + where).And.Contain(what), name);

            (code, output, _) = Invoke("dataset", "check", broken, "--images", images);
            Assert.That(code, Is.EqualTo(CliErrors.UserError), name);
            Assert.That(output, Does.Contain(line), name);

            (code, _, error) = Invoke("eval", "--model", model, "--data", "coco:" + broken, "--images", images, "--threads", "1", "--device", "cpu");
            Assert.That((code, error.Trim()), Is.EqualTo((CliErrors.UserError, "occlunet: " + line)), name);

            (code, _, error) = Invoke("train", "--variant", "occlunet1", "--data", "coco:" + broken, "--images", images, "--val", "phantom:1:1:64", "--out", Path.Combine(root, "never"));
            Assert.That((code, error.Trim()), Is.EqualTo((CliErrors.UserError, "occlunet: " + line)), name);
            File.Delete(broken);
        }
        Assert.That(Directory.Exists(Path.Combine(root, "never")), Is.False, "a refused training writes nothing");
    }

    [Test]
    public void PhantomRunsThroughTheAuthorsLayoutKeepTheirVerdictsAndConvertBackPixelIdentically()
    {
        var folder = TinyTraining.TempFolder();
        string dicom = Path.Combine(folder, "dicom"), coco = Path.Combine(folder, "coco"), back = Path.Combine(folder, "back");
        var writer = new CocoWriter(coco, "test");
        foreach (var seed in new ulong[] { 701, 122, 601 })
        {
            var run = PhantomGenerator.Generate(seed, new PhantomOptions { Size = 256, Frames = 8 });
            RunWriter.Write(run, dicom, deflate: false);
            writer.Add(RawRun.FromPhantom(run));
        }
        writer.Finish();
        var split = new CocoSource(writer.JsonPath);

        using var model = EvaluatedModel.Load(Path.Combine(RepoPaths.Root, StreamingCommandOptions.DefaultModel), CPU);
        var fromDicom = ModelComparison.Run([model], new DicomFolderSource(dicom).Runs(), EvaluationOptions.Paper, 0.45).All[0].Outcomes;
        var fromCoco = ModelComparison.Run([model], split.Runs(), EvaluationOptions.Paper, 0.45).All[0].Outcomes;
        Assert.That(fromCoco, Has.Count.EqualTo(3));
        Assert.That(fromCoco.Select(o => (o.RunId, o.Verdict, o.TruthClass)).Order(), Is.EqualTo(fromDicom.Select(o => (o.RunId, o.Verdict, o.TruthClass)).Order()));
        Assert.That(fromCoco.Select(o => o.Verdict), Has.Some.EqualTo(Verdict.TruePositive), "the shipped model finds something, so the comparison means something");

        foreach (var run in split.Runs()) DicomRunExport.Write(run, back, fps: 2);
        var sequences = split.Split.Sequences;
        Assert.That(sequences, Has.Count.EqualTo(3));
        foreach (var sequence in sequences)
        {
            var converted = DicomRun.Open(Path.Combine(back, sequence.Name + ".dcm"));
            Assert.That(converted.Pixels.FrameCount, Is.EqualTo(sequence.Frames.Count));
            for (int f = 0; f < sequence.Frames.Count; f++)
                Assert.That(converted.ReadFrame(f).Pixels, Is.EqualTo(ImageFile.Read(sequence.Frames[f].FullPath).Pixels), $"{sequence.Name} frame {f}");
        }
        var truth = GroundTruthFile.LoadFolder(back).ToDictionary(r => r.RunId);
        Assert.That(truth, Has.Count.EqualTo(3), "one truth file per exported run");
        foreach (var run in split.Runs())
            Assert.That(truth[run.Run.RunId].FrameBoxes!.Select(b => b.ToArray()), Is.EqualTo(run.Run.FrameBoxes!.Select(b => b.ToArray())));
    }

    /// <summary>
    /// The authors' dot sanity set, trained from their layout and judged on its validation split. The CI size: 256-px
    /// frames at a 128-px input (the disc keeps radius 15, so 7.5 px at the input; the paper's 25 px at 640 scale is
    /// 10 px here, more than the 7 px between the disc's centre and the authors' box centre [x-15, y-15, 40, 40]; at a
    /// 64-px input the disc was 4 px and whether 200 steps learned it depended on the data order), 24 sequences of 3-8 frames split 18/6,
    /// YOLOX-nano from the COCO weights, 10 x 20 iterations (about 80 s on an idle 2-core host; P = R = 100 % from epoch 8 when measured); the full-size run (1024 px, 200 sequences 160/40) is <see cref="TheAuthorsDotSetAtFullSize"/>.
    /// </summary>
    [Test]
    public void TheAuthorsDotSetIsLearnedFromTheirLayout()
    {
        var report = TrainAndEvaluateDots(size: 256, sequences: 24, train: 18, maxFrames: 8, new TrainingOptions
        {
            Variant = TrainingVariant.OccluNet1, InputSize = 128, Epochs = 10, IterationsPerEpoch = 20, BatchSize = 8,
            PretrainedOnnx = RepoPaths.Require(Path.Combine(RepoPaths.YoloxReference, "yolox_nano.onnx")),
        });
        var all = report.Table.All;
        Assert.That(all.Samples, Is.EqualTo(6));
        Assert.That(all.Recall, Is.GreaterThanOrEqualTo(5.0 / 6), report.ToText());
        Assert.That(all.Precision, Is.GreaterThanOrEqualTo(5.0 / 6), report.ToText());
    }

    [Test, Explicit("minutes of training: the full-size measurement in notes/data.md")]
    public void TheAuthorsDotSetAtFullSize()
    {
        var report = TrainAndEvaluateDots(size: 1024, sequences: 200, train: 160, maxFrames: 25, new TrainingOptions
        {
            Variant = TrainingVariant.OccluNet1, InputSize = 128, Epochs = 10, IterationsPerEpoch = 20, BatchSize = 8,
            PretrainedOnnx = RepoPaths.Require(Path.Combine(RepoPaths.YoloxReference, "yolox_nano.onnx")),
        });
        TestContext.Out.WriteLine(report.ToText());
        Assert.That(report.Table.All.Precision, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(report.Table.All.Recall, Is.GreaterThanOrEqualTo(0.95));
    }

    static EvaluationReport TrainAndEvaluateDots(int size, int sequences, int train, int maxFrames, TrainingOptions options)
    {
        var root = TinyTraining.TempFolder();
        DotDataset.Write(root, sequences, train, size, maxFrames: maxFrames);
        var trainJson = Path.Combine(root, "annotations", "train.json");
        var valJson = Path.Combine(root, "annotations", "val.json");
        var output = Path.Combine(root, "model");
        options = options with { Train = new CocoSource(trainJson), Validation = new CocoSource(valJson) };
        new Trainer(options, output, TestContext.Out.WriteLine).Run(resume: false);
        using var model = EvaluatedModel.Load(Path.Combine(output, Trainer.ModelFile), CPU);
        return ModelComparison.Run([model], new CocoSource(valJson).Runs(), EvaluationOptions.Paper, 0.45).All[0];
    }

    [Test]
    public void TheAuthorsMinSizeRuleDropsSmallBoxesInTrainingOnlyAndKeepsTheFrameAsANegative()
    {
        IReadOnlyList<Box> big = [new Box(0, 0, 40, 40)], small = [new Box(0, 0, 39, 60)];
        var truth = new RunTruth("r", 1024, 1024, "", new OcclusionTruth(OcclusionClass.M1, 20, 20, big[0], big[0], 0, 1));
        var run = new LabelledRun(truth, FrameBoxes: [big, small, []]);
        var prepared = new PreparedRun(run, new Letterbox(1024, 1024, 64), [new float[1], new float[1], new float[1]], 3);
        Assert.That(prepared.TargetsOf(0).Boxes, Has.Count.EqualTo(1));
        Assert.That(prepared.TargetsOf(1).Boxes, Is.Empty, "39 px wide at 1024: dropped");
        Assert.That(prepared.TargetsOf(2).Boxes, Is.Empty);
        Assert.That(run.BoxesIn(1), Has.Count.EqualTo(1), "evaluation keeps it");
        Assert.That(run.AnnotatedFrames, Is.EqualTo(2));
        Assert.That(TrainingBoxRule.Keeps(new Box(0, 0, 10, 10), 256, 256), Is.True, "40 px at 1024 is 10 px at 256");
    }

    [Test]
    public void TheFrameCacheStaysWithinItsBoundAndReloadsWhatItEvicted()
    {
        var cache = new FrameCache(capacityBytes: 3 * 100 * sizeof(float));
        int loads = 0;
        float[][] Load() { loads++; return [new float[100]]; }
        foreach (var key in new[] { "a", "b", "c", "a", "d", "b" }) cache.Get(key, Load);
        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(cache.CapacityBytes));
        Assert.That(loads, Is.EqualTo(5), "a stays (recently used); d evicts b, which is then loaded again");
        Assert.That(cache.Evictions, Is.EqualTo(2));
    }

    [Test]
    public void MetadataLocationsJoinBySequenceAndUnknownValuesAreKept()
    {
        var csv = Path.Combine(TinyTraining.TempFolder(), "meta.csv");
        File.WriteAllText(csv, "Filename,Occlusion Location,Other\nseq_1_minIP.png,M1,x\n\"seq,2\",intracranial ICA,y\nseq_3,basilar,z\nseq_4,,w\n");
        var metadata = LocationMetadata.Load(csv);
        Assert.That(metadata.ClassOf("seq_1"), Is.EqualTo(OcclusionClass.M1));
        Assert.That(metadata.ClassOf("seq,2"), Is.EqualTo(OcclusionClass.IntracranialIca));
        Assert.That(metadata.ClassOf("seq_3"), Is.EqualTo(OcclusionClass.Unknown));
        Assert.That(metadata.ClassOf("absent"), Is.EqualTo(OcclusionClass.Unknown));
        Assert.That(metadata.Unrecognised, Is.EqualTo(new[] { "basilar" }));
        Assert.That(() => LocationMetadata.Load(csv, "Location"), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no column 'Location'"));
    }

    [Test]
    public void DataSourcesParseEveryFormAndTheOldSpellings()
    {
        Assert.That(DataSource.Parse("phantom:5:3:64"), Is.EqualTo(new PhantomSplit(5, 3, 64)));
        Assert.That(DataSource.Parse("5:3"), Is.EqualTo(new PhantomSplit(5, 3)));
        Assert.That(DataSource.Parse("coco:x/annotations/val.json"), Is.TypeOf<CocoSource>());
        Assert.That(DataSource.Parse("x/annotations/val.json"), Is.TypeOf<CocoSource>());
        Assert.That(DataSource.Parse("dicom:runs"), Is.TypeOf<DicomFolderSource>());
        Assert.That(DataSource.Parse(RepoPaths.ReplayData), Is.TypeOf<DicomFolderSource>());
        Assert.That(() => DataSource.Parse("phantom:x"), Throws.InstanceOf<FormatException>());
        Assert.That(CocoSplit.DefaultImageRoot("/d/annotations/val.json"), Is.EqualTo("/d/val"));
    }

    [Test]
    public void APhantomSplitWithAClassMixDrawsOnlyThoseClassesAndIsSpelledBack()
    {
        var m2 = (PhantomSplit)DataSource.Parse("phantom:40:12:64:m2=1");
        Assert.That(m2.Mix, Is.EqualTo(new ClassMix(0, 0, 1, 0, 0, 0)));
        Assert.That(m2.Spec, Is.EqualTo("phantom:40:12:64:m2=1"));
        Assert.That(DataSource.Parse(m2.Spec), Is.EqualTo(m2), "the spec a checkpoint records reads back to the same split");
        var classes = m2.Entries().Select(e => e.Run.Truth.Occlusion?.Class).ToArray();
        Assert.That(classes, Is.All.EqualTo(OcclusionClass.M2), "every run an M2 occlusion");
        var plain = new PhantomSplit(40, 12, 64).Entries().Select(e => e.Run.Truth.Occlusion?.Class).ToArray();
        Assert.That(plain, Is.Not.All.EqualTo(OcclusionClass.M2), "the default mix draws other classes from the same seeds");

        Assert.That(((PhantomSplit)DataSource.Parse("phantom2:1:2:neg=1,m2=3")).Mix, Is.EqualTo(new ClassMix(1, 0, 3, 0, 0, 0)));
        Assert.That(DataSource.Parse("phantom:1:2:64"), Is.EqualTo(new PhantomSplit(1, 2, 64)), "no mix: the default, as before");
        Assert.That(() => DataSource.Parse("phantom:1:2:64:m9=1"), Throws.InstanceOf<FormatException>()
            .With.Message.Contains("phantom split '1:2:64:m9=1'").And.Message.Contains("m9"));
    }
}
