using System.Diagnostics;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Training;
using static TorchSharp.torch;

namespace OccluNet.Live.Training;

/// <summary>
/// Trains one model on the phantom: data generated in memory, the authors' schedule, EMA, per-window flip, validation
/// with the sequence metric after every epoch, and resumable checkpoints in the output folder:
/// <c>model.safetensors</c> (EMA weights + metadata, the result), <c>last-raw.safetensors</c>, <c>last-ema.safetensors</c>,
/// <c>optimizer.bin</c>, <c>state.json</c>, <c>training-curve.png</c>. Sampling and flips of epoch e come from a
/// generator seeded by (seed, e), so resuming after epoch e continues exactly as if never stopped.
/// </summary>
public sealed class Trainer
{
    public const string ModelFile = "model.safetensors";
    /// <summary>The raw (not averaged) weights of the last epoch.</summary>
    internal const string RawFile = "last-raw.safetensors";
    const string EmaFile = "last-ema.safetensors", OptimizerFile = "optimizer.bin", StateFile = "state.json", CurveFile = "training-curve.png";

    readonly TrainingOptions options;
    readonly string outDir;
    readonly Action<string> log;
    readonly OccluNetConfig config;
    readonly FramePreprocessor preprocessor;

    public Trainer(TrainingOptions options, string outDir, Action<string>? log = null)
    {
        options.Validate();
        this.options = options;
        this.outDir = outDir;
        this.log = log ?? (_ => { });
        config = new OccluNetConfig(options.Scale, 1, options.Temporal);
        preprocessor = new FramePreprocessor(options.InputSize, options.Normalisation);
    }

    public static bool HasCheckpoint(string outDir) => File.Exists(Path.Combine(outDir, StateFile));

    /// <summary>Trains (or, with <paramref name="resume"/> and a state in the folder, continues) to the last epoch; returns the final state.</summary>
    public TrainingState Run(bool resume, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outDir);
        manual_seed(options.Seed);
        var cache = new FrameCache(options.FrameCacheBytes);
        var train = options.Train.Prepare(preprocessor, options.IsMinIp, cache, options.GenerationThreads, log, cancellationToken);
        var validation = options.Validation.Prepare(preprocessor, options.IsMinIp, cache, options.GenerationThreads, log, cancellationToken);
        foreach (var note in options.Train.Notes.Concat(options.Validation.Notes)) log(note);
        var samples = WindowBatch.SamplesOf(train);
        log($"{samples.Length} training samples from {train.Count} runs ({samples.Count(s => s.Run.TargetsOf(s.Index).Boxes.Count > 0)} with a box), {validation.Count} validation runs");
        LogDroppedBoxes(train);

        using var model = new OccluNetModel(config);
        var state = resume && HasCheckpoint(outDir) ? ReadState() : null;
        if (state == null) Initialise(model, samples);
        else CopyWeights(Path.Combine(outDir, RawFile), model);

        var schedule = LearningRateSchedule.For(options.Schedule, options.IterationsPerEpoch, options.Epochs, options.LearningRate);
        using var step = new TrainingStep(model, new SgdSettings(options.LearningRate), schedule);
        if (state != null)
        {
            step.Resume(Path.Combine(outDir, OptimizerFile), state.Iteration, state.EmaSteps);
            CopyWeights(Path.Combine(outDir, EmaFile), step.Ema!.Model);
            log($"resumed after epoch {state.EpochsDone} (iteration {state.Iteration})");
        }
        state ??= new TrainingState(0, 0, 0, 0, []);

        var clock = Stopwatch.StartNew();
        double secondsBefore = state.Seconds;
        int lastEpoch = Math.Min(options.Epochs, options.StopAfterEpochs ?? options.Epochs);
        for (int epoch = state.EpochsDone; epoch < lastEpoch; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var steps = RunEpoch(epoch, samples, step, progress, secondsBefore, clock, cancellationToken);
            var report = Validate(step.Ema!.Model, validation, cancellationToken);
            var all = report.Table.All;
            // Means over the applied steps: a skipped step's loss is not finite (and was said when it happened).
            var losses = steps.Where(s => s.Applied).ToList();
            if (losses.Count == 0) throw new NonFiniteTrainingException($"training stopped in epoch {epoch + 1}: every step was skipped ({steps[^1].Skipped}).");
            double Mean(Func<StepResult, float> term) => losses.Average(l => (double)term(l));
            var record = new EpochRecord(epoch, step.Iteration, Mean(l => l.Loss), Mean(l => l.ClassLoss), Mean(l => l.BoxLoss), Mean(l => l.ObjectLoss),
                steps[^1].LearningRate, all.Precision, all.Recall, all.TruePositives, all.FalsePositives, all.FalseNegatives, epochClock.Elapsed.TotalSeconds,
                steps.Count - losses.Count);
            state = new TrainingState(epoch + 1, step.Iteration, step.Ema.Steps, state.Seconds + epochClock.Elapsed.TotalSeconds, [.. state.History, record]);
            Save(model, step, state);
            log(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"epoch {epoch + 1}/{options.Epochs} done: loss {record.Loss:F3}{(record.SkippedSteps > 0 ? $" ({record.SkippedSteps} steps skipped as non-finite)" : "")}, validation P {Percent(all.Precision)} R {Percent(all.Recall)} (TP {all.TruePositives} FP {all.FalsePositives} FN {all.FalseNegatives}), {record.Seconds:F0} s"));
        }
        return state;
    }

    List<StepResult> RunEpoch(int epoch, WindowSample[] samples, TrainingStep step, IProgress<TrainingProgress>? progress, double secondsBefore, Stopwatch clock, CancellationToken cancellationToken)
    {
        var random = new Random(EpochSeed(options.Seed, epoch));
        var order = Enumerable.Range(0, samples.Length).ToArray();
        random.Shuffle(order);
        // Its own generator (seeded per epoch like the sampling), so a run without it draws exactly as before.
        var display = options.DisplayAugment > 0 ? new DisplayLikeTransform(options.DisplayAugment, new Random(EpochSeed(options.Seed, epoch) ^ 0x0d15)) : null;
        var collimator = options.CollimatorAugment > 0 ? new CollimatorTransform(options.CollimatorAugment, new Random(EpochSeed(options.Seed, epoch) ^ 0xc011)) : null;
        var results = new List<StepResult>(options.IterationsPerEpoch);
        int total = options.Epochs * options.IterationsPerEpoch;
        for (int i = 0; i < options.IterationsPerEpoch; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Enumerable.Range(0, options.BatchSize).Select(k => samples[order[(i * options.BatchSize + k) % order.Length]]).ToArray();
            StepResult result;
            using (NewDisposeScope())
            {
                var (windows, targets) = WindowBatch.Build(batch, config.Temporal, options.InputSize, display, collimator);
                var (flipped, flippedTargets, _) = WindowFlip.Apply(windows, targets, random);
                result = step.Step(flipped, flippedTargets);
            }
            results.Add(result);
            if (!result.Applied) log($"iteration {result.Iteration}: step skipped, {result.Skipped}");
            sessionIterations++;
            var elapsed = TimeSpan.FromSeconds(secondsBefore) + clock.Elapsed;
            var remaining = clock.Elapsed / sessionIterations * (total - step.Iteration);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, i, options.IterationsPerEpoch, result, elapsed, remaining));
        }
        return results;
    }

    int sessionIterations;

    /// <summary>
    /// The seed of epoch e's sampling and flips: the same in every process (HashCode.Combine, used before, is randomised
    /// per process, so two runs with the same --seed differed).
    /// </summary>
    static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + epoch * 7919 + 0x0cc1);
    /// <summary>Says how many annotated boxes the authors' 40-px rule keeps out of training (nothing is dropped silently).</summary>
    void LogDroppedBoxes(IReadOnlyList<PreparedRun> train)
    {
        var annotated = train.Where(r => r.Run.FrameBoxes != null).ToArray();
        int dropped = annotated.Sum(r => r.Run.FrameBoxes!.Sum(f => f.Count(b => !TrainingBoxRule.Keeps(b, r.Run.Truth.Width, r.Run.Truth.Height))));
        if (dropped == 0) return;
        int frames = annotated.Sum(r => r.Run.FrameBoxes!.Count(f => f.Count > 0 && f.All(b => !TrainingBoxRule.Keeps(b, r.Run.Truth.Width, r.Run.Truth.Height))));
        log($"skipped {dropped} training boxes narrower or lower than {TrainingBoxRule.MinSideAt1024:0} px at 1024 (the authors' min_size); {frames} frames left without a box train as negatives");
    }

    void Initialise(OccluNetModel model, WindowSample[] samples)
    {
        if (options.InitFrom != null)
        {
            CopyWeights(options.InitFrom, model);
            log($"starting from {options.InitFrom} (fine-tuning: every tensor taken, window {config.Temporal.Window})");
        }
        if (options.SpatialFrom != null)
        {
            CopyWeights(options.SpatialFrom, model, spatialOnly: true);
            log($"backbone, neck and head from {options.SpatialFrom}; temporal module {(options.InitFrom != null ? $"from {options.InitFrom}" : "fresh")}");
        }
        if (options.InitFrom != null || options.SpatialFrom != null) return;
        if (options.PretrainedOnnx == null)
        {
            log("starting from scratch (no pretrained weights)");
            return;
        }
        var skipped = PretrainedStart.Load(model, options.PretrainedOnnx);
        log($"COCO weights from {options.PretrainedOnnx}; fresh: {skipped.Count} tensors ({string.Join(", ", skipped.Where(k => !OccluNetModel.IsTemporalKey(k)))} and the temporal module)");
        var random = new Random(options.Seed);
        var picks = Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, options.BatchSize).Select(_ => samples[random.Next(samples.Length)]).ToArray());
        PretrainedStart.UnfoldBatchNorm(model, picks.Select(batch => WindowBatch.Build(batch, config.Temporal, options.InputSize).Windows));
    }

    EvaluationReport Validate(OccluNetModel ema, IReadOnlyList<PreparedRun> validation, CancellationToken cancellationToken)
    {
        var copy = new OccluNetModel(config);
        copy.load_state_dict(ema.state_dict());
        using var detector = new StreamingOcclusionDetector(copy, DetectorInfo(), CPU);
        return ModelEvaluation.Evaluate(detector, validation, cancellationToken: cancellationToken);
    }

    public DetectorInfo DetectorInfo() => new($"{options.Variant}-{options.Scale.Name}-{options.InputSize}", "", "cpu", options.InputSize,
        config.Temporal.WindowLength, config.Temporal.Mode, ClassSet.SingleClass);

    /// <summary>What the checkpoint was trained on and how, for its metadata: a fine-tune names its start and the display transforms.</summary>
    string Provenance(TrainingState state) =>
        $"{options.Variant}: {options.Train}, {state.EpochsDone} epochs x {options.IterationsPerEpoch} iterations x batch {options.BatchSize}"
        + (options.Schedule == ScheduleShape.AuthorsEpochs ? ", learning rate on the authors' epoch counts" : "")
        + (options.InitFrom is { } start ? $", fine-tuned from {start}" : "")
        + (options.SpatialFrom is { } spatial ? $", backbone, neck and head from {spatial}" : "")
        + (options.DisplayAugment > 0 ? $", display-like transforms on {Share(options.DisplayAugment)} of windows" : "")
        + (options.CollimatorAugment > 0 ? $", a round field on {Share(options.CollimatorAugment)} of windows" : "");

    static string Share(double share) => share.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    void Save(OccluNetModel model, TrainingStep step, TrainingState state)
    {
        var metadata = CheckpointMetadata.For(config, options.InputSize, options.Normalisation, ClassSet.SingleClass.Names, Provenance(state), options.Commit);
        Checkpoint.Save(Path.Combine(outDir, RawFile), model, metadata);
        Checkpoint.Save(Path.Combine(outDir, EmaFile), step.Ema!.Model, metadata);
        Checkpoint.Save(Path.Combine(outDir, ModelFile), step.Ema.Model, metadata);
        step.SaveOptimizer(Path.Combine(outDir, OptimizerFile));
        File.WriteAllText(Path.Combine(outDir, StateFile), JsonSerializer.Serialize(state, DomainJson.Options));
        TrainingCurve.Save(Path.Combine(outDir, CurveFile), state.History, $"{options.Variant} ({options.Scale.Name}, {options.InputSize} px)");
    }

    TrainingState ReadState()
    {
        var path = Path.Combine(outDir, StateFile);
        return JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(path), DomainJson.Options)
            ?? throw new InvalidDataException($"{path}: empty training state.");
    }

    /// <summary>
    /// Every tensor of a checkpoint of the same variant, scale and classes (window mode and length may differ: training
    /// builds the sinusoidal position code, which has no tensor; a start with a learned code is refused); or,
    /// <paramref name="spatialOnly"/>, backbone, neck and head of one of any variant with the same scale and classes
    /// (e.g. an OccluNet1 under an OccluNet2's temporal module): those tensors are alike in every variant.
    /// </summary>
    void CopyWeights(string path, OccluNetModel target, bool spatialOnly = false)
    {
        var (loaded, metadata) = Checkpoint.LoadModel(path);
        using (loaded)
        {
            bool fits = spatialOnly
                ? metadata.Scale == config.Scale && metadata.Classes.Count == config.NumClasses
                : metadata.ModelConfig with { Temporal = metadata.Temporal with { Mode = config.Temporal.Mode, WindowLength = config.Temporal.WindowLength } } == config;
            if (!fits)
                throw new InvalidDataException($"{path}: a {metadata.Temporal.Variant} {metadata.Scale.Name} model with {metadata.Classes.Count} class(es) and a {Code(metadata.Temporal)} position code; this training builds {config.Temporal.Variant} {config.Scale.Name} with {config.NumClasses} and a {Code(config.Temporal)} one.");
            using var _ = no_grad();
            var source = loaded.state_dict();
            foreach (var (key, t) in target.state_dict().Where(p => !(spatialOnly && OccluNetModel.IsTemporalKey(p.Key)))) t.copy_(source[key]);
        }
    }

    static string Code(TemporalConfig temporal) => temporal.PositionalEncoding.ToString().ToLowerInvariant();

    static string Percent(double? value) => value is double v ? $"{100 * v:F1}%" : "n/a";
}
