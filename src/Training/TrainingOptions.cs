using OccluNet.Live.Model;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Training;
using OccluNet.Live.Model.Yolox;

namespace OccluNet.Live.Training;

/// <summary>
/// Everything a training run is. The schedule is the authors' (20 epochs: 2 quadratic warm-up, cosine to epoch 18 with
/// T_max 18, constant tail; SGD Nesterov 0.9, lr 0.01, wd 5e-4 on conv/linear weights; EMA; per-window flip); an
/// "epoch" here is <see cref="IterationsPerEpoch"/> batches drawn from the training windows, so the compute fits a budget.
/// </summary>
public sealed record TrainingOptions
{
    public TrainingVariant Variant { get; init; } = TrainingVariant.OccluNet1;
    public YoloxScale Scale { get; init; } = YoloxScale.Nano;
    public int InputSize { get; init; } = 128;
    public int Epochs { get; init; } = 20;
    public int IterationsPerEpoch { get; init; } = 20;
    public int BatchSize { get; init; } = 8;
    public double LearningRate { get; init; } = 0.01;
    public ScheduleShape Schedule { get; init; } = ScheduleShape.Scaled;
    public Datasets.DataSource Train { get; init; } = new PhantomSplit(PhantomSplit.Default.TrainSeed, 100);
    public Datasets.DataSource Validation { get; init; } = new PhantomSplit(PhantomSplit.Default.ValidationSeed, 12);

    /// <summary>Bound of the cache of decoded, prepared frames of runs read from disk (the phantom is held in memory).</summary>
    public long FrameCacheBytes { get; init; } = 1L << 30;

    /// <summary>Stop (resumably) after this many epochs in total; null runs the whole schedule.</summary>
    public int? StopAfterEpochs { get; init; }

    /// <summary>Megvii's COCO YOLOX export (ONNX) of the same scale; null starts from scratch.</summary>
    public string? PretrainedOnnx { get; init; }

    /// <summary>
    /// A checkpoint of the same variant and scale to start from (fine-tuning, e.g. a phantom-1 model on phantom 2, or a
    /// centred model as the start of a causal one: the window mode does not change a tensor); null: <see cref="PretrainedOnnx"/>.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>
    /// A checkpoint of the same scale and classes, any variant, whose backbone, neck and head replace the start's: an
    /// OccluNet2 can begin with the spatial weights of an OccluNet1 trained longer on the same data, its temporal module
    /// from <see cref="InitFrom"/> (or fresh); null: none.
    /// </summary>
    public string? SpatialFrom { get; init; }

    /// <summary>Which frames a temporal model's window holds: centred (t-1, t, t+1) or causal (t-2, t-1, t: no look-ahead).</summary>
    public Domain.WindowMode Window { get; init; } = Domain.WindowMode.Centred;

    /// <summary>Frames per window of a temporal model (the paper: 3); a centred window needs an odd length. A checkpoint of another length may start it (<see cref="InitFrom"/>): the sinusoidal position code has no weights.</summary>
    public int WindowLength { get; init; } = TemporalConfig.PaperWindowLength;

    /// <summary>Share of training windows shown as the video input sees them (<see cref="DisplayLikeTransform"/>); 0: none.</summary>
    public double DisplayAugment { get; init; }

    /// <summary>Share of training windows shown inside a round field, black outside (<see cref="CollimatorTransform"/>); 0: none.</summary>
    public double CollimatorAugment { get; init; }

    /// <summary>Seeds the per-epoch sampling and flips, and torch's initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads per phantom run while generating data (frames in parallel; results identical).</summary>
    public int GenerationThreads { get; init; } = 1;

    /// <summary>Written into the checkpoint metadata (the commit that trained it).</summary>
    public string Commit { get; init; } = "unknown";

    /// <summary>COCO YOLOX saw raw 0-255 pixels: full stored range to [0, 255], letterbox pad 114.</summary>
    public InputNormalisation Normalisation { get; init; } = new(NormalisationScheme.BitsStored, 255f, 114f / 255f);

    public bool IsMinIp => Variant == TrainingVariant.MinIp;

    /// <summary>The temporal module these options build (the variant's, with <see cref="Window"/> and <see cref="WindowLength"/>).</summary>
    public TemporalConfig Temporal => Variant.Temporal(Window, WindowLength);

    public void Validate()
    {
        if (InputSize < 32 || InputSize % 32 != 0) throw new ArgumentException($"input size must be a positive multiple of 32, not {InputSize}.");
        if (Epochs < 1 || IterationsPerEpoch < 1 || BatchSize < 1) throw new ArgumentException("epochs, iterations per epoch and batch size must all be at least 1.");
        if (!(LearningRate > 0)) throw new ArgumentException($"learning rate must be positive, not {LearningRate}.");
        if (Train.Overlaps(Validation) || Validation.Overlaps(Train)) throw new ArgumentException($"training ({Train}) and validation ({Validation}) overlap: they share runs (split by sequence).");
        if (FrameCacheBytes < 1) throw new ArgumentException($"the frame cache needs a positive size, not {FrameCacheBytes} bytes.");
        if (!(DisplayAugment is >= 0 and <= 1)) throw new ArgumentException($"display augmentation is a share of windows between 0 and 1, not {DisplayAugment}.");
        if (!(CollimatorAugment is >= 0 and <= 1)) throw new ArgumentException($"collimator augmentation is a share of windows between 0 and 1, not {CollimatorAugment}.");
        if (Window == Domain.WindowMode.Causal && IsMinIp) throw new ArgumentException("the MinIP baseline reads one image per run: it has no window to make causal.");
        if (WindowLength != TemporalConfig.PaperWindowLength && IsMinIp) throw new ArgumentException("the MinIP baseline reads one image per run: it has no window to lengthen.");
        if (!IsMinIp) _ = Temporal.Window; // the one window rule refuses a length it cannot place (an even centred one)
        if (InitFrom != null && PretrainedOnnx != null) throw new ArgumentException("start from a checkpoint (--init) or from COCO weights (--pretrained), not both.");
        if (InitFrom != null && !File.Exists(InitFrom)) throw new FileNotFoundException($"{InitFrom}: checkpoint to start from not found.");
        if (SpatialFrom != null && PretrainedOnnx != null) throw new ArgumentException("take backbone, neck and head from a checkpoint (--spatial-from) or from COCO weights (--pretrained), not both.");
        if (SpatialFrom != null && !File.Exists(SpatialFrom)) throw new FileNotFoundException($"{SpatialFrom}: checkpoint to take backbone, neck and head from not found.");
        if (PretrainedOnnx != null && !File.Exists(PretrainedOnnx)) throw new FileNotFoundException($"{PretrainedOnnx}: pretrained ONNX file not found.");
    }
}
