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
        var flags = new Flags();
        var command = new Command("train", "Train OccluNet1, OccluNet2 or the MinIP baseline on the phantom or your own annotated runs (COCO layout or DICOM).");
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            TrainingOptions options;
            try
            {
                options = flags.Bind(parse);
                options.Validate();
                if (parse.GetValue(flags.Threads) < 1) throw new ArgumentException("--threads must be at least 1.");
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
            Model.Runtime.TorchRuntime.UseThreads(parse.GetValue(flags.Threads));
            var outDir = parse.GetValue(flags.Output)!;
            TrainingState state;
            try
            {
                state = ProgressDisplay.For(parse).Run("train", "iterations", progress =>
                    new Trainer(options, outDir, line => progress.Out.WriteLine(Stamped(line))).Run(parse.GetValue(flags.Resume), new TrainingReport(progress), cancellationToken));
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

    /// <summary>
    /// The train command's options, bound to one <see cref="TrainingOptions"/>. Every default is the record's own (read
    /// from <see cref="Defaults"/>, not written again here): `train` without flags trains what <c>new TrainingOptions()</c> says.
    /// </summary>
    internal sealed class Flags
    {
        static readonly TrainingOptions Defaults = new();

        public Option<string> Variant { get; } = new("--variant") { Description = "occlunet1, occlunet2 or minip.", Required = true };
        public Option<string> Data { get; } = new("--data") { Description = "Training runs: " + DataSourceOptions.DataHelp, DefaultValueFactory = _ => Spec(Defaults.Train) };
        public Option<string> Validation { get; } = new("--val") { Description = "Validation runs (same forms), no sequence shared with --data.", DefaultValueFactory = _ => Spec(Defaults.Validation) };
        public Option<int> CacheMb { get; } = new("--cache-mb") { Description = "Bound of the cache of decoded frames of runs read from disk (MiB).", DefaultValueFactory = _ => (int)(Defaults.FrameCacheBytes >> 20) };
        public DataSourceOptions Sources { get; } = new();
        public Option<string> Output { get; } = new("--out") { Description = "Folder for checkpoints, state, training curve and the final model.safetensors.", Required = true };
        public Option<string> Scale { get; } = new("--scale") { Description = "YOLOX scale: nano, tiny, s, m, l, x (the paper: s).", DefaultValueFactory = _ => Defaults.Scale.Name };
        public Option<int> InputSize { get; } = new("--input-size") { Description = "Model input side in pixels (multiple of 32; the paper: 640).", DefaultValueFactory = _ => Defaults.InputSize };
        public Option<int> Epochs { get; } = new("--epochs") { Description = "Epochs of the schedule.", DefaultValueFactory = _ => Defaults.Epochs };
        public Option<string> Schedule { get; } = new("--schedule") { Description = "scaled (the authors' 20-epoch learning-rate shape in proportion: warm-up to 1/10, cosine to 9/10 of --epochs, constant tail) or authors (warm-up 2 and cosine to epoch 18 whatever --epochs is; how every model before 2026-12-06 was trained).", DefaultValueFactory = _ => "scaled" };
        public Option<int> Iterations { get; } = new("--iterations") { Description = "Iterations (batches) per epoch.", DefaultValueFactory = _ => Defaults.IterationsPerEpoch };
        public Option<int> Batch { get; } = new("--batch") { Description = "Windows per batch.", DefaultValueFactory = _ => Defaults.BatchSize };
        public Option<double> LearningRate { get; } = new("--lr") { Description = "Base learning rate.", DefaultValueFactory = _ => Defaults.LearningRate };
        public Option<string?> Pretrained { get; } = new("--pretrained") { Description = "Megvii COCO YOLOX ONNX of the same scale (e.g. tests/data/yolox-reference/yolox_nano.onnx); 'none' = from scratch." };
        public Option<string?> Init { get; } = new("--init") { Description = "Start from this checkpoint of the same variant and scale (fine-tuning; a centred model may start a causal one) instead of --pretrained." };
        public Option<string?> SpatialFrom { get; } = new("--spatial-from") { Description = "Take backbone, neck and head from this checkpoint of the same scale, any variant (e.g. an OccluNet1 under an OccluNet2's temporal module from --init)." };
        public Option<string> Window { get; } = new("--window") { Description = "centred (t-1, t, t+1; the paper) or causal (t-2, t-1, t: the box with the frame that shows the occlusion).", DefaultValueFactory = _ => Defaults.Window.ToString().ToLowerInvariant() };
        public Option<int> WindowLength { get; } = new("--window-length") { Description = "Frames per window (the paper: 3; centred windows are odd). A checkpoint of another length may start it (--init).", DefaultValueFactory = _ => Defaults.WindowLength };
        public Option<double> DisplayAugment { get; } = new("--display-augment") { Description = "Share of training windows shown as the video input sees them (monitor window/level, gamma, 8-bit, blur, H.264 blocks); 0 = none.", DefaultValueFactory = _ => Defaults.DisplayAugment };
        public Option<double> CollimatorAugment { get; } = new("--collimator-augment") { Description = "Share of training windows shown inside a round field, black outside (an intensifier's or circular collimator's edge); 0 = none.", DefaultValueFactory = _ => Defaults.CollimatorAugment };
        public Option<int> Seed { get; } = new("--seed") { Description = "Seed of sampling, flips and initialisation.", DefaultValueFactory = _ => Defaults.Seed };
        public Option<int> Threads { get; } = CommonOptions.TorchThreads();
        public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the checkpoint in --out if there is one." };
        public Option<string> Commit { get; } = new("--commit") { Description = "Commit recorded in the checkpoint metadata.", DefaultValueFactory = _ => Defaults.Commit };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[]
            {
                Variant, Data, Validation, Output, Scale, InputSize, Epochs, Schedule, Iterations, Batch, LearningRate, Pretrained, Init, SpatialFrom, Window, WindowLength, DisplayAugment, CollimatorAugment, Seed, Threads, Resume, Commit, CacheMb,
            })
            {
                command.Options.Add(option);
            }
            Sources.AddTo(command);
        }

        /// <summary>The training run the flags name (not yet validated).</summary>
        /// <exception cref="ArgumentException">An unknown variant, scale or window.</exception>
        public TrainingOptions Bind(ParseResult parse)
        {
            var onnx = parse.GetValue(Pretrained);
            return new TrainingOptions
            {
                Variant = TrainingVariants.Parse(parse.GetValue(Variant)!),
                Scale = YoloxScale.Parse(parse.GetValue(Scale)!),
                InputSize = parse.GetValue(InputSize),
                Epochs = parse.GetValue(Epochs),
                Schedule = parse.GetValue(Schedule) switch
                {
                    "scaled" => ScheduleShape.Scaled,
                    "authors" => ScheduleShape.AuthorsEpochs,
                    var other => throw new ArgumentException($"--schedule is scaled or authors, not '{other}'."),
                },
                IterationsPerEpoch = parse.GetValue(Iterations),
                BatchSize = parse.GetValue(Batch),
                LearningRate = parse.GetValue(LearningRate),
                Train = Sources.Parse(parse, parse.GetValue(Data)!),
                Validation = Sources.Parse(parse, parse.GetValue(Validation)!),
                FrameCacheBytes = (long)parse.GetValue(CacheMb) << 20,
                PretrainedOnnx = onnx is null || onnx == "none" ? null : onnx,
                InitFrom = parse.GetValue(Init),
                SpatialFrom = parse.GetValue(SpatialFrom),
                Window = parse.GetValue(Window) switch
                {
                    "centred" or "centered" => WindowMode.Centred,
                    "causal" => WindowMode.Causal,
                    var other => throw new ArgumentException($"--window is centred or causal, not '{other}'."),
                },
                WindowLength = parse.GetValue(WindowLength),
                DisplayAugment = parse.GetValue(DisplayAugment),
                CollimatorAugment = parse.GetValue(CollimatorAugment),
                Seed = parse.GetValue(Seed),
                Commit = parse.GetValue(Commit)!,
            };
        }

        /// <summary>The record's default data source as --data spells it (the defaults are phantom splits).</summary>
        static string Spec(Training.Datasets.DataSource source) =>
            source is PhantomSplit split ? split.Spec : throw new InvalidOperationException($"the default data source {source} has no --data spelling");
    }

    static string Stamped(string line) => $"[{DateTime.UtcNow:HH:mm:ss}] {line}";

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    sealed class TrainingReport(IProgress<WorkProgress> display) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => display.Report(value.ToWorkProgress());
    }
}
