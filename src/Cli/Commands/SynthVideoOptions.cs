using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `synth --video OUT.mp4`: the runs of --runs (a DICOM file or folder), or those just generated into --out, as a
/// monitor-layout test video (<see cref="MonitorLayoutVideo"/>) with its manifest OUT.layout.json.
/// </summary>
internal sealed class SynthVideoOptions
{
    /// <summary>The layout's own defaults (fade, gap): the options read them, not a copy.</summary>
    static readonly MonitorLayout Defaults = new();

    public Option<string?> Video { get; } = new("--video") { Description = "Write a 1920x1080 30 fps H.264 monitor-layout video of the runs (and OUT.layout.json: image area, first picture of every frame)." };
    public Option<string?> Runs { get; } = new("--runs") { Description = "With --video: the DICOM run or folder of runs to show (default: the runs generated into --out)." };
    public Option<int> Fade { get; } = new("--fade") { Description = "With --video: cross-fade each new frame over this many pictures (0: cut).", DefaultValueFactory = _ => Defaults.FadePictures };
    public Option<double> Gap { get; } = new("--gap") { Description = "With --video: seconds of black image area between runs.", DefaultValueFactory = _ => Defaults.GapSeconds };
    public Option<int> Crf { get; } = new("--crf") { Description = "With --video: x264 quality, 0 (lossless) to 51 (23 is FFmpeg's default; lower keeps more of the image).", DefaultValueFactory = _ => Defaults.Crf };

    public void AddTo(Command command)
    {
        command.Options.Add(Video);
        command.Options.Add(Runs);
        command.Options.Add(Fade);
        command.Options.Add(Gap);
        command.Options.Add(Crf);
    }

    public string? Check(ParseResult parse, string? outDir)
    {
        string? runs = parse.GetValue(Runs);
        if (runs is null && outDir is null) return "synth: --video needs the runs to show: --runs FILE|DIR, or --out DIR to generate them";
        if (runs is not null && outDir is not null) return "synth: give either --runs (existing runs) or --out (new runs) with --video, not both";
        if (runs is not null && !File.Exists(runs) && !Directory.Exists(runs)) return $"synth: --runs {runs} is neither a file nor a folder";
        if (parse.GetValue(Fade) is < 0 or > 30) return "synth: --fade must be 0 to 30 pictures";
        if (parse.GetValue(Gap) is < 0 or > 60) return "synth: --gap must be 0 to 60 seconds";
        if (parse.GetValue(Crf) is < 0 or > 51) return "synth: --crf must be 0 to 51";
        string video = parse.GetValue(Video)!;
        if (File.Exists(video)) return $"synth: {video} exists; choose a new file for --video";
        return null;
    }

    public void Write(ParseResult parse, string? outDir, TextWriter output, CancellationToken cancellationToken)
    {
        string from = parse.GetValue(Runs) ?? outDir!;
        var files = File.Exists(from) ? [from] : Directory.GetFiles(from).Order(StringComparer.Ordinal).Where(DicomFile.LooksLikeDicom).ToList();
        string video = parse.GetValue(Video)!;
        var layout = new MonitorLayout { FadePictures = parse.GetValue(Fade), GapSeconds = parse.GetValue(Gap), Crf = parse.GetValue(Crf) };
        LayoutManifest manifest = ProgressDisplay.For(parse).Run("synth --video", "runs", progress => MonitorLayoutVideo.Write(files, video, layout, cancellationToken, progress));
        output.WriteLine($"video {video}: {manifest.Runs.Count} runs, {manifest.Runs.Sum(r => r.Frames)} DSA frames in {manifest.Pictures} pictures ({manifest.Pictures / (double)manifest.Fps:0.0} s at {manifest.Fps} fps), image area (--roi) {manifest.Roi}; manifest {LayoutManifest.PathFor(video)}");
    }
}
