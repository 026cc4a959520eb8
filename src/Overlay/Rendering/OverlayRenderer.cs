using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// Draws the composed view into the bound framebuffer: the live frame (left, untouched but for window/level), the
/// AI panel (right: the result's frame, box outline, recent path, label), captions and the status strip. The AI's
/// marks are clipped to the AI panel, so they can never reach the live image. Needs the GL context current.
/// </summary>
public sealed class OverlayRenderer : IDisposable
{
    const float TextPadding = 6f, MinTextSize = 9f;
    readonly GL gl;
    readonly OverlayRenderOptions options;
    readonly ShaderProgram imageProgram, solidProgram, textProgram;
    readonly QuadBatch quads;
    readonly FrameTexture liveTexture, aiTexture;
    readonly TextTextures texts;
    int framebufferHeight; // for the scissor, whose origin is bottom-left

    public OverlayRenderer(GL gl, OverlayRenderOptions? options = null)
    {
        this.gl = gl;
        this.options = options ?? new OverlayRenderOptions();
        this.options.Fade.Validate();
        imageProgram = new ShaderProgram(gl, "image", Shaders.Vertex, Shaders.Image);
        solidProgram = new ShaderProgram(gl, "solid", Shaders.Vertex, Shaders.Solid);
        textProgram = new ShaderProgram(gl, "text", Shaders.Vertex, Shaders.Text);
        quads = new QuadBatch(gl);
        liveTexture = new FrameTexture(gl, this.options.SmoothScaling);
        aiTexture = new FrameTexture(gl, this.options.SmoothScaling);
        texts = new TextTextures(gl);
    }

    /// <summary>Draws the view; <paramref name="hideAiMarks"/> leaves out box, path and label (the user pressed H).</summary>
    public RenderedView Render(OverlaySnapshot snapshot, TimeSpan now, int width, int height, bool hideAiMarks = false)
    {
        var layout = OverlayLayout.For(width, height);
        BeginFrame(width, height);
        var live = snapshot.Frame;
        PixelRect? liveImage = live is null ? null : DrawImage(liveTexture, live, layout.LivePanel);

        var result = snapshot.Result;
        TimeSpan age = result is null ? TimeSpan.Zero : now - result.AgeFrom;
        float opacity = result is null ? 0f : options.Fade.OpacityAt(age);
        PixelRect? aiImage = null;
        (float, float, float, float)? box = null;
        if (result is not null && opacity > 0f)
        {
            aiImage = DrawImage(aiTexture, result.Frame, layout.AiPanel);
            if (result.Trajectory is { } trajectory && !hideAiMarks) box = DrawTrajectory(trajectory, result.Frame, aiImage.Value, opacity, age);
        }

        string liveCaption = StatusLine.LiveCaption(live);
        string aiCaption = StatusLine.AiCaption(result, live, age, result is not null && opacity == 0f, hideAiMarks);
        DrawText(liveCaption, options.CaptionTextSize, layout.LiveCaption, 1f);
        DrawText(aiCaption, options.CaptionTextSize, layout.AiCaption, 1f);
        var status = WithOwnStaleness(snapshot.Status, result, age);
        string statusText = StatusLine.Format(status, live);
        FillRect(layout.StatusStrip, OverlayColors.Strip(status.State));
        DrawText(statusText, options.StatusTextSize, layout.StatusStrip, 1f);
        return new RenderedView(layout, live?.Index, liveImage, aiImage, box, opacity, statusText, liveCaption, aiCaption);
    }

    /// <summary>
    /// A pipeline that says "running" but whose last result is older than the fade threshold is shown as delayed:
    /// the overlay does not rely on a stalled pipeline to report its own stall.
    /// </summary>
    OverlayStatus WithOwnStaleness(OverlayStatus status, OverlayResult? result, TimeSpan age) =>
        status.State == AiState.Running && result is not null && age > options.Fade.FadeAfter
            ? status with { State = AiState.Stale }
            : status;

    void BeginFrame(int width, int height)
    {
        gl.Viewport(0, 0, (uint)width, (uint)height);
        gl.Disable(EnableCap.ScissorTest);
        gl.Disable(EnableCap.DepthTest);
        var bg = OverlayColors.Background;
        gl.ClearColor(bg.R, bg.G, bg.B, bg.A);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        foreach (var program in new[] { imageProgram, solidProgram, textProgram })
        {
            program.Use();
            gl.Uniform2(program.Location("uViewport"), (float)width, height);
        }
        framebufferHeight = height;
    }

    PixelRect DrawImage(FrameTexture texture, OverlayFrame frame, PixelRect panel)
    {
        var rect = panel.Fit(frame.Width, frame.Height);
        gl.Disable(EnableCap.Blend);
        imageProgram.Use();
        texture.Bind(frame);
        var window = frame.DisplayWindow;
        gl.Uniform1(imageProgram.Location("uImage"), 0);
        gl.Uniform1(imageProgram.Location("uCenter"), (float)window.Center);
        gl.Uniform1(imageProgram.Location("uWidth"), (float)window.Width);
        gl.Uniform1(imageProgram.Location("uInvert"), frame.IsMonochrome1 ? 1 : 0);
        quads.DrawRect(rect.X, rect.Y, rect.Width, rect.Height);
        return rect;
    }

    (float, float, float, float) DrawTrajectory(OverlayTrajectory trajectory, OverlayFrame frame, PixelRect image, float opacity, TimeSpan age)
    {
        float sx = (float)image.Width / frame.Width, sy = (float)image.Height / frame.Height;
        (float X, float Y) ToScreen(float x, float y) => (image.X + x * sx, image.Y + y * sy);
        var (x1, y1) = ToScreen(trajectory.Box.X1, trajectory.Box.Y1);
        var (x2, y2) = ToScreen(trajectory.Box.X2, trajectory.Box.Y2);
        ClipTo(image);
        DrawPath(trajectory.RecentCentres.Select(c => ToScreen(c.X, c.Y)).ToList(), new Box(x1, y1, x2, y2), opacity);
        DrawOutline(x1, y1, x2, y2, opacity);
        gl.Disable(EnableCap.ScissorTest);
        DrawLabel(StatusLine.BoxLabel(trajectory, age), x1, y1, y2, image, opacity);
        return (x1, y1, x2, y2);
    }

    /// <summary>Scissor to a rectangle (the AI image: whatever the geometry, no mark leaves it).</summary>
    void ClipTo(PixelRect rect)
    {
        gl.Enable(EnableCap.ScissorTest);
        gl.Scissor(rect.X, framebufferHeight - rect.Bottom, (uint)rect.Width, (uint)rect.Height);
    }

    /// <summary>An unfilled outline just outside the box, so the pixels inside it stay visible.</summary>
    void DrawOutline(float x1, float y1, float x2, float y2, float opacity)
    {
        float t = options.BoxLineWidth, w = x2 - x1, h = y2 - y1;
        var color = OverlayColors.Box with { A = opacity };
        FillRect(x1 - t, y1 - t, w + 2 * t, t, color);
        FillRect(x1 - t, y2, w + 2 * t, t, color);
        FillRect(x1 - t, y1, t, h, color);
        FillRect(x2, y1, t, h, color);
    }

    /// <summary>
    /// The recent centres as a thin polyline with dots, left out wherever it would cover the box's inside (the
    /// occlusion site must stay visible): points in the box and segments crossing it are not drawn.
    /// </summary>
    void DrawPath(IReadOnlyList<(float X, float Y)> points, Box box, float opacity)
    {
        var color = OverlayColors.Path with { A = OverlayColors.Path.A * opacity };
        float half = options.PathLineWidth / 2f, margin = options.PathLineWidth + 2f;
        var keepOut = new Box(box.X1 - margin, box.Y1 - margin, box.X2 + margin, box.Y2 + margin);
        for (int i = 1; i < points.Count; i++)
            if (!PathGeometry.SegmentMeetsBox(points[i - 1], points[i], keepOut)) DrawSegment(points[i - 1], points[i], half, color);
        foreach (var p in points)
            if (!keepOut.Contains(p.X, p.Y)) FillRect(p.X - 2f, p.Y - 2f, 4f, 4f, color);
    }

    void DrawSegment((float X, float Y) a, (float X, float Y) b, float half, (float R, float G, float B, float A) color)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y, length = MathF.Sqrt(dx * dx + dy * dy);
        if (length < 1e-3f) return;
        float nx = -dy / length * half, ny = dx / length * half;
        UseSolid(color);
        quads.Draw((a.X + nx, a.Y + ny), (b.X + nx, b.Y + ny), (b.X - nx, b.Y - ny), (a.X - nx, a.Y - ny));
    }

    /// <summary>The label sits outside the box: above it, or below when there is no room above.</summary>
    void DrawLabel(string label, float x1, float y1, float y2, PixelRect image, float opacity)
    {
        var text = texts.Get(label, options.LabelTextSize);
        float gap = options.BoxLineWidth + 2f;
        float y = y1 - gap - text.Height >= image.Y ? y1 - gap - text.Height : y2 + gap;
        float x = Math.Clamp(x1, image.X, Math.Max(image.X, image.Right - text.Width));
        FillRect(x, y, text.Width, text.Height, OverlayColors.LabelBackground with { A = OverlayColors.LabelBackground.A * opacity });
        DrawTexture(text, x, y, opacity);
    }

    /// <summary>One line in <paramref name="area"/>: shrunk to fit its width (down to a legible minimum), then clipped to it.</summary>
    void DrawText(string value, float size, PixelRect area, float opacity)
    {
        var text = texts.Get(value, size);
        float available = area.Width - 2 * TextPadding;
        if (text.Width > available && available > 0)
            text = texts.Get(value, MathF.Max(MinTextSize, MathF.Floor(size * available / text.Width)));
        float y = area.Y + (area.Height - text.Height) / 2f;
        ClipTo(area);
        DrawTexture(text, area.X + TextPadding, MathF.Round(y), opacity);
        gl.Disable(EnableCap.ScissorTest);
    }

    void DrawTexture(TextTexture text, float x, float y, float opacity)
    {
        gl.Enable(EnableCap.Blend);
        gl.BlendFuncSeparate(BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.Zero, BlendingFactor.One);
        textProgram.Use();
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, text.Handle);
        gl.Uniform1(textProgram.Location("uText"), 0);
        gl.Uniform1(textProgram.Location("uOpacity"), opacity);
        quads.DrawRect(x, y, text.Width, text.Height);
    }

    void FillRect(PixelRect rect, (float R, float G, float B, float A) color) => FillRect(rect.X, rect.Y, rect.Width, rect.Height, color);

    void FillRect(float x, float y, float w, float h, (float R, float G, float B, float A) color)
    {
        UseSolid(color);
        quads.DrawRect(x, y, w, h);
    }

    void UseSolid((float R, float G, float B, float A) color)
    {
        gl.Enable(EnableCap.Blend);
        // Colour blends; the framebuffer's alpha stays 1 so that snapshots are opaque.
        gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.Zero, BlendingFactor.One);
        solidProgram.Use();
        gl.Uniform4(solidProgram.Location("uColor"), color.R, color.G, color.B, color.A);
    }

    public void Dispose()
    {
        texts.Dispose();
        aiTexture.Dispose();
        liveTexture.Dispose();
        quads.Dispose();
        textProgram.Dispose();
        solidProgram.Dispose();
        imageProgram.Dispose();
    }
}
