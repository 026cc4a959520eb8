using SkiaSharp;

namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// A small line/bar chart as PNG (axes with ticks, labelled series, legend); enough for the realism report, the
/// training curves and the drill report. With <see cref="Categories"/> the x axis is categorical (x = category index,
/// bar series side by side per category). A NaN value is not drawn (no bar, a gap in a line).
/// </summary>
public sealed class ChartWriter(string title, string xLabel, string yLabel)
{
    readonly List<(string Label, double[] X, double[] Y, SKColor Color, bool Bars)> series = new();
    static readonly SKColor[] Palette = { new(31, 119, 180), new(214, 39, 40), new(44, 160, 44), new(148, 103, 189), new(255, 127, 14), new(23, 190, 207), new(127, 127, 127) };
    string[]? categories;
    double? fixedYMax;

    public ChartWriter Line(string label, double[] x, double[] y) { series.Add((label, x, y, Palette[series.Count % Palette.Length], false)); return this; }

    public ChartWriter Bars(string label, double[] x, double[] y) { series.Add((label, x, y, Palette[series.Count % Palette.Length], true)); return this; }

    /// <summary>A categorical x axis: category i is drawn at x = i and labelled with <paramref name="labels"/>[i].</summary>
    public ChartWriter Categories(params string[] labels) { categories = labels; return this; }

    /// <summary>A fixed top of the y axis (fractions: 1), so that charts of different sessions compare by eye.</summary>
    public ChartWriter YMax(double max) { fixedYMax = max; return this; }

    public void Save(string path, int width = 900, int height = 520)
    {
        using var file = File.Create(path);
        Save(file, width, height);
    }

    public void Save(Stream stream, int width = 900, int height = 520)
    {
        const float left = 70, right = 20, top = 40, bottom = 55;
        var values = series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double xMin = categories is null ? series.Min(s => s.X.Min()) : -0.5, xMax = categories is null ? series.Max(s => s.X.Max()) : categories.Length - 0.5;
        double yMin = Math.Min(0, values.Min()), yMax = fixedYMax ?? values.Max() * 1.08;
        if (yMax <= yMin) yMax = yMin + 1;
        if (xMax <= xMin) xMax = xMin + 1;
        float Px(double x) => left + (float)((x - xMin) / (xMax - xMin)) * (width - left - right);
        float Py(double y) => height - bottom - (float)((y - yMin) / (yMax - yMin)) * (height - top - bottom);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var c = surface.Canvas;
        c.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var small = new SKFont(SKTypeface.Default, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 1 };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1 };
        for (int i = 0; i <= 5; i++)
        {
            double yv = yMin + (yMax - yMin) * i / 5;
            c.DrawLine(left, Py(yv), width - right, Py(yv), grid);
            c.DrawText(yv.ToString("0.###"), 4, Py(yv) + 4, small, ink);
            if (categories is not null) continue;
            double xv = xMin + (xMax - xMin) * i / 5;
            c.DrawLine(Px(xv), top, Px(xv), height - bottom, grid);
            c.DrawText(xv.ToString("0.##"), Px(xv) - 12, height - bottom + 18, small, ink);
        }
        using var centred = new SKPaint { Color = SKColors.Black, IsAntialias = true, TextAlign = SKTextAlign.Center };
        for (int i = 0; categories is not null && i < categories.Length; i++)
            c.DrawText(categories[i], Px(i), height - bottom + 18, small, centred);
        c.DrawLine(left, height - bottom, width - right, height - bottom, ink);
        c.DrawLine(left, top, left, height - bottom, ink);
        c.DrawText(title, left, 24, font, ink);
        c.DrawText(xLabel, width / 2f - 40, height - 12, font, ink);
        c.DrawText(yLabel, 4, top - 8, small, ink);
        var barSeries = series.Where(s => s.Bars).ToList();
        int k = 0;
        foreach (var s in series)
        {
            using var paint = new SKPaint { Color = s.Color, IsAntialias = true, StrokeWidth = 2.2f, Style = s.Bars ? SKPaintStyle.Fill : SKPaintStyle.Stroke };
            if (s.Bars)
            {
                // Bar series share each x position side by side, 80 % of the spacing between positions in all.
                double spacing = categories is null ? (xMax - xMin) / Math.Max(1, s.X.Length) : 1;
                float w = Math.Max(2, (Px(xMin + spacing) - Px(xMin)) * 0.8f / barSeries.Count);
                float offset = (barSeries.IndexOf(s) - (barSeries.Count - 1) / 2f) * w;
                for (int i = 0; i < s.X.Length; i++)
                    if (double.IsFinite(s.Y[i])) c.DrawRect(Px(s.X[i]) + offset - w / 2, Py(s.Y[i]), w, Py(yMin) - Py(s.Y[i]), paint);
            }
            else
            {
                using var pathLine = new SKPath();
                bool pen = false;
                for (int i = 0; i < s.X.Length; i++)
                {
                    if (!double.IsFinite(s.Y[i])) { pen = false; continue; }
                    if (pen) pathLine.LineTo(Px(s.X[i]), Py(s.Y[i])); else pathLine.MoveTo(Px(s.X[i]), Py(s.Y[i]));
                    pen = true;
                }
                c.DrawPath(pathLine, paint);
            }
            using var swatch = new SKPaint { Color = s.Color, StrokeWidth = 4 };
            c.DrawLine(width - right - 230, top + 10 + 18 * k, width - right - 205, top + 10 + 18 * k, swatch);
            c.DrawText(s.Label, width - right - 198, top + 14 + 18 * k, small, ink);
            k++;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }
}
