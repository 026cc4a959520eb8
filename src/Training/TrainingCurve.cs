using ScottPlot;

namespace OccluNet.Live.Training;

/// <summary>The training curve: mean loss terms per epoch (left axis) and validation precision and recall (right axis).</summary>
public static class TrainingCurve
{
    public static void Save(string path, IReadOnlyList<EpochRecord> history, string title)
    {
        if (history.Count == 0) return;
        var plot = new Plot();
        double[] epochs = history.Select(h => (double)h.Epoch + 1).ToArray();
        Line(plot, epochs, history.Select(h => h.Loss), "loss", false);
        Line(plot, epochs, history.Select(h => h.ClassLoss), "cls", false);
        Line(plot, epochs, history.Select(h => h.BoxLoss), "box", false);
        Line(plot, epochs, history.Select(h => h.ObjectLoss), "obj", false);
        Line(plot, epochs, history.Select(h => h.Precision ?? double.NaN), "val precision", true);
        Line(plot, epochs, history.Select(h => h.Recall ?? double.NaN), "val recall", true);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "precision / recall";
        plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 500);
    }

    static void Line(Plot plot, double[] x, IEnumerable<double> y, string label, bool right)
    {
        var scatter = plot.Add.Scatter(x, y.ToArray());
        scatter.LegendText = label;
        if (right) scatter.Axes.YAxis = plot.Axes.Right;
    }
}
