using OccluNet.Live.Phantom.Report;

namespace OccluNet.Live.Training;

/// <summary>
/// The training curve: mean loss terms per epoch, and beside it (file name + "-validation") validation precision and
/// recall. Drawn with the phantom report's chart writer, so the app carries one plotting code and one SkiaSharp.
/// </summary>
internal static class TrainingCurve
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history, string title)
    {
        if (history.Count == 0) return;
        double[] epochs = history.Select(h => (double)h.Epoch + 1).ToArray();
        new ChartWriter($"{title}: training loss", "epoch", "loss")
            .Line("loss", epochs, history.Select(h => h.Loss).ToArray())
            .Line("cls", epochs, history.Select(h => h.ClassLoss).ToArray())
            .Line("box", epochs, history.Select(h => h.BoxLoss).ToArray())
            .Line("obj", epochs, history.Select(h => h.ObjectLoss).ToArray())
            .Save(path);

        var validated = history.Where(h => h.Precision is not null || h.Recall is not null).ToArray();
        if (validated.Length == 0) return;
        double[] validatedEpochs = validated.Select(h => (double)h.Epoch + 1).ToArray();
        new ChartWriter($"{title}: validation (sequence level)", "epoch", "fraction")
            .Line("precision", validatedEpochs, validated.Select(h => h.Precision ?? 0).ToArray())
            .Line("recall", validatedEpochs, validated.Select(h => h.Recall ?? 0).ToArray())
            .Save(Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + "-validation.png"));
    }
}
