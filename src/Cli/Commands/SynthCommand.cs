using System.CommandLine;
using System.Globalization;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Output;
using OccluNet.Live.Phantom.Report;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet synth --out DIR --count N --seed S [--size ..] [--frames ..] [--fps ..] [--class-mix ..]`: phantom runs as
/// XA DICOM + ground-truth JSON + index.json; `occlunet synth --report DIR`: the realism checks and plots;
/// `occlunet synth --video OUT.mp4 [--runs PATH | --out DIR ...]`: a monitor-layout test video of runs (docs/video.md).
/// </summary>
internal static class SynthCommand
{
    /// <summary>The phantom's own defaults (size, version): the options read them, not a copy.</summary>
    static readonly PhantomOptions Defaults = new();

    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Folder for <run>.dcm, <run>.json and index.json." };
        var count = new Option<int>("--count") { Description = "Number of runs.", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the first run; run k uses seed + k.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Width and height in pixels (256 training, 512 demos, 1024 paper).", DefaultValueFactory = _ => Defaults.Size };
        var frames = new Option<int?>("--frames") { Description = "Frames per run (3..200); default drawn per run (3-76)." };
        var fps = new Option<double?>("--fps") { Description = "Frames per second; default drawn per run (1-6, some variable-rate)." };
        var mix = new Option<string?>("--class-mix") { Description = "Weights, e.g. neg=30,m1=38.5,m2=12.6,icai=11.9,icae=5.6,unknown=1.4 (the default)." };
        var cls = new Option<string?>("--class") { Description = $"Force one class: {PhantomChoices.ClassNames}." };
        var view = new Option<string?>("--view") { Description = "ap or lat; default drawn per run." };
        var deflate = new Option<bool>("--deflate") { Description = "Write Deflated Explicit VR Little Endian (smaller files)." };
        var threads = new Option<int>("--threads") { Description = "Threads per run (frames in parallel; results identical).", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Write the realism report (table + PNG plots) to this folder." };
        var format = new Option<string>("--format") { Description = "dicom (XA DICOM + ground-truth JSON) or coco (the OccluNet authors' layout: 8-bit JPEG frames, annotations/<split>.json, metadata.csv; size 1024 unless --size).", DefaultValueFactory = _ => "dicom" };
        var split = new Option<string>("--split") { Description = "With --format coco: the split to write (train, val, ...).", DefaultValueFactory = _ => "train" };
        var phantom = new Option<int>("--phantom") { Description = "Phantom version: 1 (default; old seeds give old runs) or 2 (denser cortical trees, devices, native runs with a mask frame, glare, perspective, 8/10/12-bit; docs/phantom.md).", DefaultValueFactory = _ => Defaults.PhantomVersion };
        var bits = new Option<int?>("--bits") { Description = "Bits stored: 8, 10 or 12; default 10 (phantom 1) or drawn per run (phantom 2)." };
        var storage = new Option<string>("--storage") { Description = "Phantom 2: native (unsubtracted frames after a mask frame, as some systems store runs; the reader subtracts them), subtracted, or drawn per run (a quarter native; --format coco: always subtracted).", DefaultValueFactory = _ => "drawn" };
        var real = new Option<string[]>("--real") { Description = "With --report: real XA DICOM files measured beside phantom 1 and 2 (vessel density), e.g. tests/data/dicom-samples/wg04_XA1_UNC.dcm.", AllowMultipleArgumentsPerToken = true };
        var video = new SynthVideoOptions();
        var command = new Command("synth", "Generate synthetic DSA runs with exact ground truth (the phantom), or its realism report.")
        {
            output, count, seed, size, frames, fps, mix, cls, view, deflate, threads, report, format, split, phantom, bits, storage, real,
        };
        video.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            try
            {
                bool coco = parse.GetValue(format)!.Trim().ToLowerInvariant() switch
                {
                    "dicom" => false,
                    "coco" => true,
                    var other => throw new ArgumentException($"--format '{other}' is not dicom or coco"),
                };
                int side = coco && parse.GetResult(size) is null or { Implicit: true } ? 1024 : parse.GetValue(size);
                var options = Options(side, parse.GetValue(frames), parse.GetValue(fps), parse.GetValue(mix), parse.GetValue(cls), parse.GetValue(view))
                    with { PhantomVersion = parse.GetValue(phantom), BitsStored = parse.GetValue(bits), Native = Storage(parse.GetValue(storage)!) };
                if (coco && options.Native == true) return Task.FromResult(CliErrors.Report("synth: --storage native needs --format dicom (a COCO set holds JPEG frames, which carry no mask to subtract)"));
                if (coco && options.PhantomVersion == 2) options = options with { Native = false }; // the authors' layout holds subtracted frames
                options.Validate();
                int n = parse.GetValue(count), t = Math.Max(1, parse.GetValue(threads));
                if (n < 1) return Task.FromResult(CliErrors.Report($"synth: --count must be at least 1 (was {n})"));
                string? outDir = parse.GetValue(output), reportDir = parse.GetValue(report);
                string? videoPath = parse.GetValue(video.Video);
                if (outDir == null && reportDir == null && videoPath == null) return Task.FromResult(CliErrors.Report("synth: say where to write: --out DIR, --report DIR and/or --video OUT.mp4"));
                if (videoPath != null && video.Check(parse, outDir) is string videoError) return Task.FromResult(CliErrors.Report(videoError));
                if (videoPath != null && coco && outDir != null) return Task.FromResult(CliErrors.Report("synth: --video shows DICOM runs; generate them without --format coco, or give --runs"));
                if (reportDir != null)
                {
                    var lines = ProgressDisplay.For(parse).Run("synth --report", "cases", progress => RealismReport.Write(reportDir, parse.GetValue(seed), n, ct, progress));
                    foreach (var line in lines) Console.WriteLine(line);
                    var comparison = ProgressDisplay.For(parse).Run("synth --report (phantom 1 vs 2 vs real)", "runs",
                        progress => RealAngiogramComparison.Write(reportDir, parse.GetValue(seed), Math.Min(n, 10), parse.GetValue(real) ?? [], ct, progress));
                    foreach (var line in comparison) Console.WriteLine(line);
                }
                if (outDir != null && coco)
                    ProgressDisplay.For(parse).Run("synth", "runs", progress => GenerateCoco(outDir, parse.GetValue(split)!, options, parse.GetValue(seed), n, t, progress, ct));
                else if (outDir != null)
                    ProgressDisplay.For(parse).Run("synth", "runs", progress => Generate(outDir, options, parse.GetValue(seed), n, t, parse.GetValue(deflate), progress, ct));
                if (videoPath != null) video.Write(parse, outDir, Console.Out, ct);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidDataException or UnauthorizedAccessException or Capture.Dicom.DicomFileException)
            {
                return Task.FromResult(CliErrors.Report($"synth: {e.Message}"));
            }
        });
        return command;
    }

    static PhantomOptions Options(int size, int? frames, double? fps, string? mix, string? cls, string? view)
    {
        var options = new PhantomOptions
        {
            Size = size, Frames = frames, Fps = fps,
            ClassMix = mix == null ? ClassMix.Default : ClassMix.Parse(mix),
            View = view is null ? null : PhantomChoices.View(view),
        };
        if (cls is not null)
            options = PhantomChoices.Class(cls) is { } c ? options with { Class = c } : options with { Negative = NegativeKind.Normal };
        options.Validate();
        return options;
    }

    /// <summary>Phantom runs in the authors' layout, one split (docs/data.md), so their MMDetection code can train on them.</summary>
    static void GenerateCoco(string root, string split, PhantomOptions options, ulong seed, int count, int threads, ProgressScope progress, CancellationToken ct)
    {
        var writer = new Training.Datasets.CocoWriter(root, split);
        progress.Report(new WorkProgress(0, count));
        for (int k = 0; k < count; k++)
        {
            ct.ThrowIfCancellationRequested();
            var run = PhantomGenerator.Generate(seed + (ulong)k, options, threads, ct);
            writer.Add(Training.RawRun.FromPhantom(run));
            progress.Report(new WorkProgress(k + 1, count, run.RunId));
            progress.Out.WriteLine($"{run.RunId}: {run.GroundTruth.Category} {run.Truth.View} {run.Frames.Length} frames -> {Path.Combine(root, split, run.RunId)}");
        }
        writer.Finish();
        Console.WriteLine($"{count} sequences: {writer.JsonPath}, {Path.Combine(root, Training.Datasets.CocoWriter.MetadataFile)}");
    }

    static void Generate(string dir, PhantomOptions options, ulong seed, int count, int threads, bool deflate, ProgressScope progress, CancellationToken ct)
    {
        var entries = new List<RunIndexEntry>();
        progress.Report(new WorkProgress(0, count));
        for (int k = 0; k < count; k++)
        {
            ct.ThrowIfCancellationRequested();
            var run = PhantomGenerator.Generate(seed + (ulong)k, options, threads, ct);
            var (dicom, json) = RunWriter.Write(run, dir, deflate);
            entries.Add(RunIndexEntry.Of(run, dicom, json));
            progress.Report(new WorkProgress(k + 1, count, run.RunId));
            progress.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.RunId}: {run.GroundTruth.Category} {run.Truth.View} {run.Frames.Length} frames, visible {run.Truth.Occlusion?.FirstVisibleFrame}-{run.Truth.Occlusion?.LastVisibleFrame}, MinIP difficulty {run.GroundTruth.MinipDifficulty}"));
        }
        RunIndexEntry.WriteIndex(dir, entries, new { seed, count, size = options.Size, options.Frames, options.Fps, classMix = options.ClassMix, phantom = options.PhantomVersion, bits = options.BitsStored }, options.PhantomVersion);
    }

    /// <summary>--storage: null = drawn per run.</summary>
    static bool? Storage(string value) => value.Trim().ToLowerInvariant() switch
    {
        "drawn" => null,
        "native" => true,
        "subtracted" => false,
        var other => throw new ArgumentException($"--storage '{other}' is not native, subtracted or drawn"),
    };
}
