using System.CommandLine;
using Spectre.Console;
using OccluNet.Live.Model.Yolox;
using OccluNet.Live.Training;
using TorchSharp;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet train`: trains OccluNet1, OccluNet2 or the MinIP baseline on the phantom (generated in memory), resumable.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var variant = new Option<string>("--variant") { Description = "occlunet1, occlunet2 or minip.", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "Training runs as phantom seeds SEED:COUNT[:SIZE] (generated in memory; validation uses --val).",
            DefaultValueFactory = _ => $"{PhantomSplit.Default.TrainSeed}:100",
        };
        var val = new Option<string>("--val") { Description = "Validation runs SEED:COUNT[:SIZE], disjoint from --data.", DefaultValueFactory = _ => $"{PhantomSplit.Default.ValidationSeed}:12" };
        var output = new Option<string>("--out") { Description = "Folder for checkpoints, state, training curve and the final model.safetensors.", Required = true };
        var scale = new Option<string>("--scale") { Description = "YOLOX scale: nano, tiny, s, m, l, x (the paper: s).", DefaultValueFactory = _ => "nano" };
        var size = new Option<int>("--input-size") { Description = "Model input side in pixels (multiple of 32; the paper: 640).", DefaultValueFactory = _ => 128 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of the schedule (2 warm-up, cosine to 18/20 of it, constant tail).", DefaultValueFactory = _ => 20 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations (batches) per epoch.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "Windows per batch.", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "Base learning rate.", DefaultValueFactory = _ => 0.01 };
        var pretrained = new Option<string?>("--pretrained") { Description = "Megvii COCO YOLOX ONNX of the same scale (e.g. tests/data/yolox-reference/yolox_nano.onnx); 'none' = from scratch." };
        var seed = new Option<int>("--seed") { Description = "Seed of sampling, flips and initialisation.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out if there is one." };
        var commit = new Option<string>("--commit") { Description = "Commit recorded in the checkpoint metadata.", DefaultValueFactory = _ => "unknown" };
        var command = new Command("train", "Train OccluNet1, OccluNet2 or the MinIP baseline on phantom runs generated in memory.")
        {
            variant, data, val, output, scale, size, epochs, iterations, batch, lr, pretrained, seed, threads, resume, commit,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            TrainingOptions options;
            try
            {
                var onnx = parse.GetValue(pretrained);
                options = new TrainingOptions
                {
                    Variant = TrainingVariants.Parse(parse.GetValue(variant)!),
                    Scale = YoloxScale.Parse(parse.GetValue(scale)!),
                    InputSize = parse.GetValue(size),
                    Epochs = parse.GetValue(epochs),
                    IterationsPerEpoch = parse.GetValue(iterations),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(lr),
                    Train = PhantomSplit.Parse(parse.GetValue(data)!),
                    Validation = PhantomSplit.Parse(parse.GetValue(val)!),
                    PretrainedOnnx = onnx is null || onnx == "none" ? null : onnx,
                    Seed = parse.GetValue(seed),
                    Commit = parse.GetValue(commit)!,
                };
                options.Validate();
                if (parse.GetValue(threads) < 1) throw new ArgumentException("--threads must be at least 1.");
            }
            catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            torch.set_num_threads(parse.GetValue(threads));
            var outDir = parse.GetValue(output)!;
            var state = Console.IsOutputRedirected
                ? RunWithLines(options, outDir, parse.GetValue(resume), cancellationToken)
                : RunWithBar(options, outDir, parse.GetValue(resume), cancellationToken);
            Log($"finished {state.EpochsDone} epochs in {TimeSpan.FromSeconds(state.Seconds):hh\\:mm\\:ss}; model: {Path.Combine(outDir, Trainer.ModelFile)}");
            return Task.FromResult(0);
        });
        return command;
    }

    static void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    /// <summary>Output to a file or pipe: a progress line every 5 iterations (and the trainer's own lines).</summary>
    static TrainingState RunWithLines(TrainingOptions options, string outDir, bool resume, CancellationToken cancellationToken) =>
        new Trainer(options, outDir, Log).Run(resume, new LineProgress(p => { if (p.IterationInEpoch % 5 == 4 || p.IterationInEpoch == 0) Log(p.ToLine()); }), cancellationToken);

    /// <summary>A terminal: a live bar over all iterations (epoch, iteration, loss parts, lr, ETA); the trainer's lines print above it.</summary>
    static TrainingState RunWithBar(TrainingOptions options, string outDir, bool resume, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = context.AddTask("starting", maxValue: options.Epochs * options.IterationsPerEpoch);
                void Line(string line) => AnsiConsole.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
                var progress = new LineProgress(p =>
                {
                    bar.Value = p.Epoch * p.IterationsPerEpoch + p.IterationInEpoch + 1;
                    bar.Description = Markup.Escape(p.ToLine());
                });
                return new Trainer(options, outDir, Line).Run(resume, progress, cancellationToken);
            });

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    sealed class LineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
