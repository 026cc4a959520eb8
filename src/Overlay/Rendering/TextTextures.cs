using Silk.NET.OpenGL;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>A line of text as a premultiplied RGBA texture (SkiaSharp draws it), cached by text and size.</summary>
internal sealed record TextTexture(uint Handle, int Width, int Height);

/// <summary>
/// Text for the strip, captions and labels. SkiaSharp's Linux natives here come without fontconfig, so the font is
/// loaded from its file (DejaVu Sans, Debian package fonts-dejavu-core).
/// </summary>
internal sealed unsafe class TextTextures : IDisposable
{
    const int MaxCached = 64;
    static readonly string[] FontFiles =
    {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    };

    readonly GL gl;
    readonly SKTypeface typeface;
    readonly Dictionary<(string Text, float Size), TextTexture> cache = new();

    public TextTextures(GL gl)
    {
        this.gl = gl;
        string file = FontFiles.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"no DejaVu Sans font at {string.Join(", ", FontFiles)}: install the Debian package fonts-dejavu-core");
        typeface = SKTypeface.FromFile(file) ?? throw new InvalidOperationException($"{file} is not a readable font");
    }

    public TextTexture Get(string text, float size)
    {
        if (cache.TryGetValue((text, size), out var cached)) return cached;
        if (cache.Count >= MaxCached) Clear();
        var created = Create(text, size);
        cache[(text, size)] = created;
        return created;
    }

    TextTexture Create(string text, float size)
    {
        using var paint = new SKPaint { Typeface = typeface, TextSize = size, IsAntialias = true, Color = SKColors.White };
        var metrics = paint.FontMetrics;
        int width = Math.Max(1, (int)Math.Ceiling(paint.MeasureText(text)) + 2);
        int height = Math.Max(1, (int)Math.Ceiling(metrics.Descent - metrics.Ascent) + 2);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawText(text, 1, 1 - metrics.Ascent, paint);
        }
        uint handle = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, handle);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0,
            PixelFormat.Rgba, PixelType.UnsignedByte, (void*)bitmap.GetPixels());
        return new TextTexture(handle, width, height);
    }

    void Clear()
    {
        foreach (var t in cache.Values) gl.DeleteTexture(t.Handle);
        cache.Clear();
    }

    public void Dispose()
    {
        Clear();
        typeface.Dispose();
    }
}
