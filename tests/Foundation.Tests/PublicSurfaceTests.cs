using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Foundation.Tests;

/// <summary>
/// Internal by default (docs/style.md): a type in src/ is public only when another src project names it; the test
/// projects see internals (InternalsVisibleTo, Directory.Build.props). The executable (src/Cli) has no public type.
/// A source scan, like <see cref="ProjectGraphTests"/>: a public type is a <c>public ... class|record|struct|interface|enum
/// Name</c> declaration (nested ones too), and "named" is the name as a whole word in another project's sources.
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>
    /// Public types no other project names that must stay public, each with the public member or type whose signature
    /// carries it (the compiler refuses a public member of a less accessible type). Another project may reach them
    /// through that member without writing the name (<c>var</c>, deconstruction). Shrink it by making the carrying
    /// member internal where nobody outside uses it; a new entry needs the same reason.
    /// </summary>
    static readonly Dictionary<string, string> AllowedUnnamed = new()
    {
        ["Benchmarks.DicomDecodeResult"] = "DicomDecodeBenchmark.WriteJson",
        ["Model.NesterovSgd"] = "the scalar-stress child program (tests/Model.Tests/ScalarStress, no InternalsVisibleTo: a separate executable) steps it",
        ["Benchmarks.EngineBenchRow"] = "ModelBenchResult",
        ["Benchmarks.SoakAccount"] = "SoakReport.Account",
        ["Benchmarks.FirstCorrectBox"] = "LatencyReport",
        ["Benchmarks.LatencySamples"] = "FirstCorrectBox.Measure",
        ["Benchmarks.LatencyStats"] = "LatencyReport",
        ["Benchmarks.ModelBenchResult"] = "ModelBenchmark.Run",
        ["Benchmarks.ModelBenchRow"] = "ModelBenchResult",
        ["Benchmarks.PhantomBenchmarkRow"] = "PhantomBenchmark.Run",
        ["Benchmarks.SoakSample"] = "SoakReport",
        ["Capture.DicomDataSet"] = "FrameTiming.From",
        ["Capture.DicomElement"] = "DicomDataSet.Elements",
        ["Capture.DicomFragment"] = "DicomElement.Fragments",
        ["Capture.DropFolderOptions"] = "DropFolderSource",
        ["Capture.FrameTimingSource"] = "FrameTiming",
        ["Capture.ImageHeader"] = "ImageFile.ReadHeader",
        ["Capture.LayoutRun"] = "LayoutManifest",
        ["Capture.NewFrameRule"] = "VideoSourceOptions.Rule",
        ["Capture.PixelDescription"] = "PixelData.Pixels",
        ["Capture.ReplayStep"] = "ReplayControls.Apply",
        ["Capture.StoredFrame"] = "FrameChecksum.Of",
        ["Evaluation.ClassRow"] = "PerClassTable",
        ["Evaluation.MatchRule"] = "EvaluationOptions.Match",
        ["Evaluation.PerClassTable"] = "EvaluationReport.Table",
        ["Model.CspDarknet"] = "OccluNetModel.Backbone",
        ["Model.DeviceRequest"] = "InferenceEngines.Choose",
        ["Model.HeadOutput"] = "OccluNetModel",
        ["Model.ModelEma"] = "TrainingStep.Ema",
        ["Model.OnnxGraphBuilder"] = "ConvModule.Export",
        ["Model.PafpnTensors"] = "YoloxPafpn.ForwardAll",
        ["Model.PositionalEncodingKind"] = "TemporalConfig",
        ["Model.RawScores"] = "OnnxOcclusionDetector.DetectRawScores",
        ["Model.TemporalModule"] = "OccluNetModel.Temporal",
        ["Model.YoloxHead"] = "OccluNetModel.Head",
        ["Model.YoloxPafpn"] = "OccluNetModel.Neck",
        ["Overlay.OverlayDetection"] = "OverlayFinding",
        ["Overlay.OverlayLayout"] = "RenderedView",
        ["Overlay.PixelRect"] = "RenderedView",
        ["Overlay.RenderedView"] = "OffscreenOverlay.Render",
        ["Overlay.TraineeCall"] = "DrillWindow.Play",
        ["Overlay.VoiWindow"] = "OverlayFrame",
        ["Pacs.DrainResult"] = "Outbox.DrainAsync",
        ["Pacs.ResultObject"] = "ResultObjects.Write",
        ["Pacs.RunFinding"] = "FindingFollower.Finding",
        ["Pacs.StoreScu"] = "Outbox",
        ["Phantom.AcquisitionParameters"] = "PhantomCase",
        ["Phantom.AnatomyParameters"] = "PhantomCase",
        ["Phantom.ClotFace"] = "PhantomOptions.Face",
        ["Phantom.CollateralTruth"] = "PhantomGroundTruth.Collateral",
        ["Phantom.DeviceMarker"] = "DeviceTruth",
        ["Phantom.DeviceParameters"] = "Phantom2Parameters",
        ["Phantom.DeviceTruth"] = "PhantomGroundTruth.Devices",
        ["Phantom.FlowParameters"] = "PhantomCase",
        ["Phantom.MotionParameters"] = "PhantomCase",
        ["Phantom.OcclusionPlan"] = "PhantomCase",
        ["Phantom.Phantom2Parameters"] = "PhantomCase",
        ["Phantom.PhantomCase"] = "PhantomGenerator.Generate",
        ["Phantom.PhantomGroundTruth"] = "PhantomRun",
        ["Phantom.Vec3"] = "Polyline.At",
        ["Streaming.DetectionRecord"] = "ResultRecord",
        ["Streaming.QueueOptions"] = "PipelineOptions.FrameQueue",
        ["Streaming.ResultRecord"] = "RunRecorder.ReadResults",
        ["Streaming.TimingsRecord"] = "ResultRecord",
        ["Streaming.TrajectoryRecord"] = "ResultRecord",
        ["Streaming.WindowPolicy"] = "PipelineOptions.Windows",
        ["Training.CocoFrame"] = "CocoSequence",
        ["Training.CocoSequence"] = "CocoSource.LabelledRunOf",
        ["Training.CocoSplit"] = "CocoSource.Split",
        ["Training.DatasetDefect"] = "CocoSplit.Defects",
        ["Training.EpochRecord"] = "TrainingState",
        ["Training.FrameCache"] = "DataSource.Prepare",
        ["Training.LazyRuns"] = "DataSource.Runs",
        ["Training.PreparedRun"] = "DataSource.Prepare",
        ["Training.SplitReport"] = "DatasetCheck.Run",
        ["Training.ThresholdResult"] = "OperatingPointSearch.Sweep",
        ["Training.TrainingVariant"] = "TrainingOptions.Variant",
        ["Trajectories.LinkRule"] = "TrajectoryOptions.Link",
        ["Trajectories.TrajectoryPoint"] = "Trajectory.StartAt",
    };

    static readonly Regex PublicType = new(
        @"^\s*public\s+(?:(?:sealed|static|abstract|readonly|partial|unsafe|ref|new)\s+)*(?:record\s+struct|record\s+class|record|class|struct|interface|enum)\s+(?<name>\w+)",
        RegexOptions.Compiled | RegexOptions.Multiline);

    [Test]
    public void EveryPublicTypeIsNamedByAnotherProject()
    {
        var projects = SourcesByProject();
        var declared = projects.ToDictionary(p => p.Key, p => PublicTypes(p.Value));
        TestContext.Out.WriteLine("public types per project: " + string.Join(", ", declared.Select(d => $"{d.Key} {d.Value.Count}")));
        Assert.That(projects, Has.Count.GreaterThanOrEqualTo(12), "the src projects were found");
        Assert.That(declared.Values.Sum(d => d.Count), Is.GreaterThan(100), "public types were found");

        var unnamed = new List<string>();
        foreach (var (project, types) in declared)
        {
            var others = projects.Where(p => p.Key != project).Select(p => p.Value).ToArray();
            foreach (var (name, file) in types)
            {
                var word = new Regex($@"\b{Regex.Escape(name)}\b");
                if (!others.Any(text => word.IsMatch(text)) && !AllowedUnnamed.ContainsKey($"{project}.{name}")) unnamed.Add($"{project}.{name} ({file})");
            }
        }
        Assert.That(unnamed, Is.Empty, "public, but no other src project names it: make it internal (tests see internals), or give it a line in AllowedUnnamed saying why");
    }

    [Test]
    public void TheExecutableHasNoPublicType()
    {
        var cli = SourcesByProject()["Cli"];
        Assert.That(cli, Does.Contain("class "), "the Cli sources were read");
        Assert.That(PublicTypes(cli).Select(t => t.Name), Is.Empty, "occlunet is an executable: nothing references it but its tests");
    }

    [Test]
    public void TheAllowListNamesTypesThatExist()
    {
        var declared = SourcesByProject().SelectMany(p => PublicTypes(p.Value).Select(t => $"{p.Key}.{t.Name}")).ToHashSet();
        Assert.That(AllowedUnnamed.Keys.Where(k => !declared.Contains(k)), Is.Empty, "an allowed entry names no public type: remove it");
    }

    static List<(string Name, string File)> PublicTypes(string sources) =>
        sources.Split(FileMark).Skip(1).Select(chunk => (File: chunk[..chunk.IndexOf('\n')], Text: chunk))
            .SelectMany(f => PublicType.Matches(f.Text).Select(m => (m.Groups["name"].Value, f.File)))
            .ToList();

    const string FileMark = "\n//@file ";

    /// <summary>Project folder name under src/ to all its C# sources (build outputs left out), each after a file mark.</summary>
    static Dictionary<string, string> SourcesByProject() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).ToDictionary(
            dir => Path.GetFileName(dir),
            dir => string.Concat(Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutput(Path.GetRelativePath(dir, f)))
                .Order(StringComparer.Ordinal)
                .Select(f => FileMark + Path.GetRelativePath(RepoPaths.Root, f) + "\n" + File.ReadAllText(f))));

    static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
