using System.Text.Json;
using System.Text.RegularExpressions;
using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Phantom.Output;
using OccluNet.Live.Tests.Shared;
using static TorchSharp.torch;

namespace OccluNet.Live.Training.Tests;

[NonParallelizable] // redirects Console
public sealed class EvalCommandTests
{
    static string SaveTinyModel(string folder, TrainingVariant variant) => SaveTinyModelAt(Path.Combine(folder, $"{variant}.safetensors"), variant);

    /// <summary>An untrained tiny checkpoint at <paramref name="path"/>.</summary>
    internal static string SaveTinyModelAt(string path, TrainingVariant variant)
    {
        var options = TinyTraining.Options(variant);
        var config = new OccluNetConfig(options.Scale, 1, variant.Temporal());
        manual_seed(1);
        using var model = new OccluNetModel(config);
        Checkpoint.Save(path, model, CheckpointMetadata.For(config, options.InputSize, options.Normalisation, ["occlusion"], "test", "test"));
        return path;
    }

    static (int Code, string Out, string Err) Invoke(params string[] args) => InProcessCli.Invoke([EvalCommand.Create(), CalibrateCommand.Create()], args);

    [Test]
    public void ComparesTwoModelsOnASynthFolderAndWritesJson()
    {
        var folder = TinyTraining.TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(folder, "runs")).FullName;
        foreach (var run in new[] { TinyTraining.Positive(31), TinyTraining.Positive(32), TinyTraining.Negative(33) })
            RunWriter.Write(run, data, deflate: false);
        var occlunet = SaveTinyModel(folder, TrainingVariant.OccluNet1);
        var minip = SaveTinyModel(folder, TrainingVariant.MinIp);
        var json = Path.Combine(folder, "eval.json");

        var (code, output, error) = Invoke("eval", "--model", occlunet, "--compare", minip, "--data", data, "--json", json, "--threads", "1", "--device", "cpu");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("OccluNet1: all runs (3 runs)"));
        Assert.That(output, Does.Contain("MinIP: all runs (3 runs)"));
        Assert.That(output, Does.Contain("McNemar, all runs:"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(doc.RootElement.GetProperty("all").GetArrayLength(), Is.EqualTo(2));
        Assert.That(doc.RootElement.GetProperty("mcnemarAll").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void WithoutDataItIsAUserError()
    {
        var (code, _, error) = Invoke("eval", "--model", "whatever.safetensors");
        Assert.That(code, Is.EqualTo(CliErrors.UserError));
        Assert.That(error, Does.Contain("--data"));
    }

    [Test]
    public void AMissingModelFileIsNamed()
    {
        var (code, _, error) = Invoke("eval", "--model", "/nonexistent/m.safetensors", "--phantom", "1:1:64");
        Assert.That(code, Is.EqualTo(CliErrors.UserError));
        Assert.That(error, Does.Contain("/nonexistent/m.safetensors"));
    }

    /// <summary>
    /// `calibrate --mirror-average` on the shipped phantom-2 model and four M1 runs it finds: the written operating point
    /// says the threshold was chosen on mirror-averaged scores, and eval of the copy reads it (same runs, same verdicts,
    /// threshold and averaging both from the checkpoint; ONNX Runtime, averaging inside its graphs, gives the same table).
    /// </summary>
    [Test]
    public void CalibrateWithMirrorAveragingWritesItIntoTheOperatingPointAndEvalAppliesIt()
    {
        var folder = TinyTraining.TempFolder();
        var shipped = RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1.safetensors"));
        var target = Path.Combine(folder, "mirrored.safetensors");
        const string Data = "phantom2:3000500:4:256:m1=1";

        var (code, output, error) = Invoke("calibrate", "--model", shipped, "--data", Data, "--out", target, "--mirror-average", "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("mirror-averaged); written to " + target));
        var point = Checkpoint.ReadMetadata(target).OperatingPoint!;
        Assert.That(point.MirrorAveraged, Is.True);
        Assert.That(point.Recall, Is.GreaterThan(0));

        (code, output, error) = Invoke("eval", "--model", target, "--data", Data, "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain($"detector threshold {point.ScoreThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}, mirror-averaged)"), "the report says how it decided");
        Assert.That(output, Does.Match($@"all\s+4\s+\d+\s+{Math.Round(point.Recall!.Value * 4)}\s"), "the verdicts calibrate counted");

        (code, var onnxOutput, error) = Invoke("eval", "--model", target, "--data", Data, "--engine", "onnx", "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(error, Does.Contain("engine: cpu, ONNX Runtime"));
        Assert.That(TableRows(onnxOutput), Is.EqualTo(TableRows(output)).And.Not.Empty, "ONNX Runtime averages in its graphs: the same table\n" + output + "\n" + onnxOutput + "\n" + error);
    }

    [Test]
    public void CalibrateWritesNothingWhenNoThresholdFindsAnOcclusionAndNeverOverwrites()
    {
        var folder = TinyTraining.TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(folder, "runs")).FullName;
        foreach (var run in new[] { TinyTraining.Positive(41), TinyTraining.Negative(42) })
            RunWriter.Write(run, data, deflate: false);
        var untrained = SaveTinyModel(folder, TrainingVariant.OccluNet1);
        var before = File.ReadAllBytes(untrained);
        var target = Path.Combine(folder, "calibrated.safetensors");

        // An untrained model's scores stay far below every candidate threshold's true positive: nothing is chosen.
        var (code, output, error) = Invoke("calibrate", "--model", untrained, "--data", data, "--out", target, "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(CliErrors.UserError), output + error);
        Assert.That(error, Does.Contain(untrained).And.Contain("nothing written"));
        Assert.That(output, Does.Contain("threshold     TP     FP     FN"));
        Assert.That(File.Exists(target), Is.False);

        File.WriteAllText(target, "keep me");
        (code, _, error) = Invoke("calibrate", "--model", untrained, "--data", data, "--out", target, "--threads", "1");
        Assert.That(code, Is.EqualTo(CliErrors.UserError));
        Assert.That(error, Does.Contain(target).And.Contain("never overwrites"));
        Assert.That(File.ReadAllText(target), Is.EqualTo("keep me"));
        Assert.That(File.ReadAllBytes(untrained), Is.EqualTo(before));
    }

    /// <summary>The per-class rows of an eval report ("all", the classes, "negatives"), without the lines that name the engine or times.</summary>
    /// <summary>
    /// The shipped phantom-2 model beside a copy whose operating point asks for 1000 trajectory points (more than any run
    /// has): eval judges each by its own rule (the copy finds nothing), and --paper-threshold judges both by the paper's.
    /// </summary>
    [Test]
    public void EvalJudgesEachModelByItsOwnMinimumOfPointsAndThePaperThresholdByOne()
    {
        var folder = TinyTraining.TempFolder();
        var shipped = RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1.safetensors"));
        var never = Path.Combine(folder, "never.safetensors");
        Checkpoint.CopyWithOperatingPoint(shipped, never, Checkpoint.ReadMetadata(shipped).OperatingPoint! with { MinPoints = 1000 });
        const string Data = "phantom2:3000500:4:256:m1=1";
        int[] TruePositives(string json)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            return doc.RootElement.GetProperty("all").EnumerateArray()
                .Select(report => report.GetProperty("table").EnumerateArray().Last().GetProperty("truePositives").GetInt32()).ToArray();
        }

        var own = Path.Combine(folder, "own.json");
        var (code, output, error) = Invoke("eval", "--model", shipped, "--compare", never, "--data", Data, "--json", own, "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("a box after 1000 linked detections)"), "the report says how the copy decides");
        Assert.That(TruePositives(own), Is.EqualTo(new[] { TruePositives(own)[0], 0 }));
        Assert.That(TruePositives(own)[0], Is.GreaterThan(0));

        var paper = Path.Combine(folder, "paper.json");
        (code, _, error) = Invoke("eval", "--model", shipped, "--compare", never, "--data", Data, "--json", paper, "--paper-threshold", "--threads", "1", "--device", "cpu");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(TruePositives(paper)[1], Is.EqualTo(TruePositives(paper)[0]).And.GreaterThan(0), "the paper's threshold comes with the paper's single point");
    }

    private static string[] TableRows(string output) =>
        output.Split('\n').Select(l => l.TrimEnd()).Where(l => Regex.IsMatch(l, @"^(all|M1|M2|M3|ICA|A1|A2|negatives)\s")).ToArray();
}
