using System.CommandLine;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Cli.Settings;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Overlay;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Truth;
using OccluNet.Live.Training;
using OccluNet.Live.Training.Datasets;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Issue 13: a default is written once. A command's option reads its default from the options record the command fills
/// (TrainingOptions, PhantomOptions, OverlayLoopOptions, ...): these tests fail when a command's default and its record's
/// differ, e.g. when someone writes `DefaultValueFactory = _ => 20` beside the record's own 20 and changes one of them.
/// </summary>
[TestFixture]
public sealed class CommandDefaultsTests
{
    static readonly RootCommand Root = CommandTree.Build();

    [Test]
    public void TrainWithNoFlagsBindsTheTrainingOptionsDefaults()
    {
        var flags = new TrainCommand.Flags();
        var command = new Command("train");
        flags.AddTo(command);
        var parse = command.Parse(["--variant", "occlunet1", "--out", "x"]);
        Assert.That(parse.Errors, Is.Empty);

        var bound = flags.Bind(parse);
        var record = new TrainingOptions();

        Assert.Multiple(() =>
        {
            Assert.That(bound.Train, Is.EqualTo(record.Train), "--data");
            Assert.That(bound.Validation, Is.EqualTo(record.Validation), "--val");
            Assert.That(bound, Is.EqualTo(record), "every bound field");
        });
    }

    [Test]
    public void TrainFlagsReachTheirFields()
    {
        // The other direction: a flag that is given changes its field (the binder does not ignore it for the default).
        var flags = new TrainCommand.Flags();
        var command = new Command("train");
        flags.AddTo(command);
        var bound = flags.Bind(command.Parse(["--variant", "occlunet2", "--out", "x", "--epochs", "3", "--iterations", "4", "--batch", "5",
            "--lr", "0.5", "--input-size", "64", "--seed", "9", "--cache-mb", "2", "--window", "causal", "--window-length", "5", "--display-augment", "0.25",
            "--scale", "tiny", "--commit", "abc", "--schedule", "authors", "--data", "phantom:10:4", "--val", "phantom2:20:3:128"]));
        Assert.That(bound, Is.EqualTo(new TrainingOptions
        {
            Variant = TrainingVariant.OccluNet2, Epochs = 3, IterationsPerEpoch = 4, BatchSize = 5, LearningRate = 0.5, InputSize = 64, Seed = 9,
            FrameCacheBytes = 2L << 20, Window = Domain.WindowMode.Causal, WindowLength = 5, DisplayAugment = 0.25, Scale = Model.Yolox.YoloxScale.Parse("tiny"),
            Commit = "abc", Schedule = Model.Training.ScheduleShape.AuthorsEpochs, Train = new PhantomSplit(10, 4), Validation = new PhantomSplit(20, 3, 128) { Version = 2 },
        }));
    }

    /// <summary>Each command's option whose value fills a record, and that record's default as the option spells it.</summary>
    static IEnumerable<TestCaseData> RecordDefaults()
    {
        var phantom = new PhantomOptions();
        var layout = new MonitorLayout();
        var overlay = new OverlayLoopOptions();
        yield return Case("synth", "--size", phantom.Size);
        yield return Case("synth", "--phantom", phantom.PhantomVersion);
        yield return Case("synth", "--fade", layout.FadePictures);
        yield return Case("synth", "--gap", layout.GapSeconds);
        yield return Case("eval", "--min-score", EvaluationOptions.Paper.Trajectories.MinScore);
        yield return Case("eval", "--timing-threshold", PhantomGroundTruth.TimingDependentThreshold);
        yield return Case("dataset convert", "--quality", CocoWriter.DefaultQuality);
        foreach (var command in new[] { "eval", "calibrate", "train", "dataset convert" })
            yield return Case(command, "--location-column", LocationMetadata.DefaultLocationColumn);
        foreach (var command in new[] { "replay", "live" })
        {
            yield return Case(command, "--snapshot-every", overlay.SnapshotEveryNth);
            yield return Case(command, "--size", $"{overlay.Width}x{overlay.Height}");
            yield return Case(command, "--uid-root", DicomUids.UuidRoot);
        }
        foreach (var command in new[] { "replay", "live", "eval", "drill" })
            yield return Case(command, "--bridge-gaps", TrajectoryOptions.LiveMaxGap);
        foreach (var command in new[] { "replay", "live", "drill", "export", "bench model", "bench latency" })
            yield return Case(command, "--model", StreamingCommandOptions.DefaultModel);
    }

    static TestCaseData Case(string command, string option, object expected) =>
        new TestCaseData(command, option, Convert.ToString(expected, System.Globalization.CultureInfo.InvariantCulture)).SetName($"{command} {option}");

    [TestCaseSource(nameof(RecordDefaults))]
    public void AnOptionsDefaultIsItsRecordsDefault(string command, string option, string expected)
    {
        var found = Find(command).Options.SingleOrDefault(o => o.Name == option);
        Assert.That(found, Is.Not.Null, $"{command} has no {option}");
        Assert.That(SiteSettings.DefaultOf(found!), Is.EqualTo(expected));
    }

    [Test]
    public void ConfigShowListsEachDistinctDefaultWithItsCommands()
    {
        // --threads is 2 in the offline commands and all cores but one in the pipeline commands: config show says both.
        var threads = SiteSettings.Known(Root).Where(k => k.Key == "threads").ToList();
        Assert.That(threads, Has.Count.GreaterThanOrEqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(threads.Single(k => k.Commands.Contains("train")).Default, Is.EqualTo("2"));
            Assert.That(threads.Single(k => k.Commands.Contains("eval")).Commands, Does.Contain("drill").And.Contain("calibrate"));
            Assert.That(threads.Single(k => k.Commands.Contains("replay")).Default, Is.EqualTo(Math.Max(1, Environment.ProcessorCount - 1).ToString()));
            Assert.That(threads.Single(k => k.Commands.Contains("bench model")).Default, Is.EqualTo("1 2"), "a list's default is spelled as its items");
        });
    }

    static Command Find(string path)
    {
        Command command = Root;
        foreach (var name in path.Split(' '))
            command = command.Subcommands.Single(c => c.Name == name);
        return command;
    }
}
