using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Training;
using OccluNet.Live.Model.Yolox;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet train`: trains OccluNet1, OccluNet2 or the MinIP baseline on the phantom (generated in memory), resumable.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var variant = new Option<string>("--variant") { Description = "occlunet1, occlunet2 or minip.", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "Training runs: " + DataSourceOptions.DataHelp,
            DefaultValueFactory = _ => $"phantom:{PhantomSplit.Default.TrainSeed}:100",
        };
        var val = new Option<string>("--val") { Description = "Validation runs (same forms), no sequence shared with --data.", DefaultValueFactory = _ => $"phantom:{PhantomSplit.Default.ValidationSeed}:12" };
        var cacheMb = new Option<int>("--cache-mb") { Description = "Bound of the cache of decoded frames of runs read from disk (MiB).", DefaultValueFactory = _ => 1024 };
        var sources = new DataSourceOptions();
        var output = new Option<string>("--out") { Description = "Folder for checkpoints, state, training curve and the final model.safetensors.", Required = true };
        var scale = new Option<string>("--scale") { Description = "YOLOX scale: nano, tiny, s, m, l, x (the paper: s).", DefaultValueFactory = _ => "nano" };
        var size = new Option<int>("--input-size") { Description = "Model input side in pixels (multiple of 32; the paper: 640).", DefaultValueFactory = _ => 128 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of the schedule (2 warm-up, cosine to 18/20 of it, constant tail).", DefaultValueFactory = _ => 20 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations (batches) per epoch.", DefaultValueFactory = _ => 20 };
        var batch = new Option<int>("--batch") { Description = "Windows per batch.", DefaultValueFactory = _ => 8 };
        var lr = new Option<double>("--lr") { Description = "Base learning rate.", DefaultValueFactory = _ => 0.01 };
        var pretrained = new Option<string?>("--pretrained") { Description = "Megvii COCO YOLOX ONNX of the same scale (e.g. tests/data/yolox-reference/yolox_nano.onnx); 'none' = from scratch." };
        var init = new Option<string?>("--init") { Description = "Start from this checkpoint of the same variant and scale (fine-tuning; a centred model may start a causal one) instead of --pretrained." };
        var window = new Option<string>("--window") { Description = "centred (t-1, t, t+1; the paper) or causal (t-2, t-1, t: the box with the frame that shows the occlusion).", DefaultValueFactory = _ => "centred" };
        var displayAugment = new Option<double>("--display-augment") { Description = "Share of training windows shown as the video input sees them (monitor window/level, gamma, 8-bit, blur, H.264 blocks); 0 = none." };
        var seed = new Option<int>("--seed") { Description = "Seed of sampling, flips and initialisation.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out if there is one." };
        var commit = new Option<string>("--commit") { Description = "Commit recorded in the checkpoint metadata.", DefaultValueFactory = _ => "unknown" };
        var command = new Command("train", "Train OccluNet1, OccluNet2 or the MinIP baseline on the phantom or your own annotated runs (COCO layout or DICOM).")
        {
            variant, data, val, output, scale, size, epochs, iterations, batch, lr, pretrained, init, window, displayAugment, seed, threads, resume, commit, cacheMb,
        };
        sources.AddTo(command);
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
                    Train = sources.Parse(parse, parse.GetValue(data)!),
                    Validation = sources.Parse(parse, parse.GetValue(val)!),
                    FrameCacheBytes = (long)parse.GetValue(cacheMb) << 20,
                    PretrainedOnnx = onnx is null || onnx == "none" ? null : onnx,
                    InitFrom = parse.GetValue(init),
                    Window = parse.GetValue(window) switch
                    {
                        "centred" or "centered" => WindowMode.Centred,
                        "causal" => WindowMode.Causal,
                        var other => throw new ArgumentException($"--window is centred or causal, not '{other}'."),
                    },
                    DisplayAugment = parse.GetValue(displayAugment),
                    Seed = parse.GetValue(seed),
                    Commit = parse.GetValue(commit)!,
                };
                options.Validate();
                if (parse.GetValue(threads) < 1) throw new ArgumentException("--threads must be at least 1.");
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            Model.Runtime.TorchRuntime.UseThreads(parse.GetValue(threads));
            var outDir = parse.GetValue(output)!;
            TrainingState state;
            try
            {
                state = ProgressDisplay.For(parse).Run("train", "iterations", progress =>
                    new Trainer(options, outDir, line => progress.Out.WriteLine(Stamped(line))).Run(parse.GetValue(resume), new TrainingReport(progress), cancellationToken));
            }
            catch (NonFiniteTrainingException e)
            {
                // One line naming the iteration and the loss term; the last completed epoch stays resumable in the folder.
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or Capture.Dicom.DicomFileException)
            {
                return Task.FromResult(CliErrors.Report(e.Message)); // a defect of the data found while reading it
            }
            Console.WriteLine(Stamped($"finished {state.EpochsDone} epochs in {TimeSpan.FromSeconds(state.Seconds):hh\\:mm\\:ss}; model: {Path.Combine(outDir, Trainer.ModelFile)}"));
            return Task.FromResult(0);
        });
        return command;
    }

    static string Stamped(string line) => $"[{DateTime.UtcNow:HH:mm:ss}] {line}";

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    sealed class TrainingReport(IProgress<WorkProgress> display) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => display.Report(value.ToWorkProgress());
    }
}
