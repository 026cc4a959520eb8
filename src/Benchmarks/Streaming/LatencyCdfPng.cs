using SkiaSharp;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>A small PNG of the latency CDF per stage (x: ms, log-free linear axis to the largest p99; y: fraction of samples).</summary>
internal static class LatencyCdfPng
{
    static readonly SKColor[] Colours =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28),
        new(0x94, 0x67, 0xbd), new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22),
    ];

    public static void Write(string path, IReadOnlyDictionary<string, List<double>> stages, string title)
    {
        const int width = 1000, height = 600, left = 70, right = 230, top = 40, bottom = 60;
        var series = stages.Where(s => s.Value.Count > 0).ToList();
        double xMax = Math.Max(1, series.Max(s => s.Value.Max()) * 1.05);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var text = new SKPaint { Color = SKColors.Black, TextSize = 14, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1 };
        float plotW = width - left - right, plotH = height - top - bottom;
        float X(double ms) => left + (float)(ms / xMax) * plotW;
        float Y(double fraction) => top + (1 - (float)fraction) * plotH;
        for (int i = 0; i <= 10; i++)
        {
            double ms = xMax * i / 10;
            canvas.DrawLine(X(ms), top, X(ms), top + plotH, grid);
            canvas.DrawText($"{ms:0}", X(ms) - 10, top + plotH + 18, text);
            canvas.DrawLine(left, Y(i / 10.0), left + plotW, Y(i / 10.0), grid);
            canvas.DrawText($"{i / 10.0:0.0}", left - 35, Y(i / 10.0) + 5, text);
        }
        canvas.DrawText(title, left, 25, text);
        canvas.DrawText("latency (ms)", left + plotW / 2 - 40, height - 15, text);
        for (int s = 0; s < series.Count; s++)
            DrawSeries(canvas, series[s].Key, series[s].Value, Colours[s % Colours.Length], X, Y, left + plotW + 15, top + 20 * s, text);
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    static void DrawSeries(SKCanvas canvas, string name, List<double> samples, SKColor colour, Func<double, float> x, Func<double, float> y, float legendX, float legendY, SKPaint text)
    {
        double[] sorted = samples.Order().ToArray();
        using var line = new SKPaint { Color = colour, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var path = new SKPath();
        path.MoveTo(x(sorted[0]), y(0));
        for (int i = 0; i < sorted.Length; i++)
        {
            path.LineTo(x(sorted[i]), y((double)i / sorted.Length));
            path.LineTo(x(sorted[i]), y((double)(i + 1) / sorted.Length));
        }
        canvas.DrawPath(path, line);
        canvas.DrawLine(legendX, legendY, legendX + 20, legendY, line);
        canvas.DrawText(name, legendX + 26, legendY + 5, text);
    }
}
