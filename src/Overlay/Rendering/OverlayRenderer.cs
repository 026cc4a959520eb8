using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using Silk.NET.OpenGL;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// Draws the composed view into the bound framebuffer: the live frame (left, untouched but for window/level), the
/// AI panel (right: the result's frame, box outline, recent path, label), captions and the status strip. The AI's
/// marks are clipped to the AI panel, so they can never reach the live image. Needs the GL context current.
/// </summary>
internal sealed class OverlayRenderer : IDisposable
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

    /// <summary>
    /// Draws the view; <paramref name="hideAiMarks"/> leaves out boxes, path and labels (the user pressed H). The AI panel
    /// shows the newest result's frame with two marks kept apart: the newest detection (amber, thin, fading as the result
    /// ages) and the run's finding (red, thick, labelled "RUN FINDING" with its frames and age; never faded). The panel
    /// stays while there is a finding, even after the newest result has expired.
    /// </summary>
    public RenderedView Render(OverlaySnapshot snapshot, TimeSpan now, int width, int height, bool hideAiMarks = false)
    {
        var layout = OverlayLayout.For(width, height);
        BeginFrame(width, height);
        var live = snapshot.Frame;
        PixelRect? liveImage = live is null ? null : DrawImage(liveTexture, live, layout.LivePanel);
        if (live is not null && liveImage is { } shown && snapshot.Reveal is { } reveal) DrawReveal(reveal, live, shown);

        var result = snapshot.Result;
        var finding = result is null ? null : snapshot.Finding;
        TimeSpan age = result is null ? TimeSpan.Zero : now - result.AgeFrom;
        float opacity = result is null ? 0f : options.Fade.OpacityAt(age);
        PixelRect? aiImage = null;
        (float, float, float, float)? box = null, findingBox = null;
        string? findingLabel = null;
        if (result is not null && (opacity > 0f || finding is not null))
        {
            aiImage = DrawImage(aiTexture, result.Frame, layout.AiPanel);
            if (!hideAiMarks && result.Detection is { } detection && opacity > 0f)
                box = DrawDetection(detection, result.Frame, aiImage.Value, opacity, age);
            if (!hideAiMarks && finding is not null)
            {
                findingLabel = StatusLine.FindingLabel(finding, now - finding.EvidenceAt);
                findingBox = DrawFinding(finding, findingLabel, result.Frame, aiImage.Value);
            }
        }

        string liveCaption = StatusLine.LiveCaption(live);
        string aiCaption = StatusLine.AiCaption(result, live, age, result is not null && opacity == 0f, hideAiMarks, finding);
        DrawText(liveCaption, options.CaptionTextSize, layout.LiveCaption, 1f);
        DrawText(aiCaption, options.CaptionTextSize, layout.AiCaption, 1f);
        var status = WithOwnStaleness(snapshot.Status, result, age);
        string statusText = snapshot.Reveal?.Caption ?? StatusLine.Format(status, live);
        FillRect(layout.StatusStrip, OverlayColors.Strip(status.State));
        DrawText(statusText, options.StatusTextSize, layout.StatusStrip, 1f);
        return new RenderedView(layout, live?.Index, liveImage, aiImage, box, opacity, statusText, liveCaption, aiCaption, findingBox, findingLabel);
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

    /// <summary>The newest detection: a thin amber outline and a label below it, both at the result's opacity.</summary>
    (float, float, float, float) DrawDetection(OverlayDetection detection, OverlayFrame frame, PixelRect image, float opacity, TimeSpan age)
    {
        var (x1, y1, x2, y2) = OnScreen(detection.Box, frame, image);
        ClipTo(image);
        DrawOutline(x1, y1, x2, y2, options.BoxLineWidth, OverlayColors.Box with { A = opacity });
        gl.Disable(EnableCap.ScissorTest);
        DrawLabel(StatusLine.BoxLabel(detection, age), x1, y1, y2, image, opacity, below: true);
        return (x1, y1, x2, y2);
    }

    /// <summary>The run's finding: its path, a thick red outline (outside where the newest detection's would be) and its label above it, never faded.</summary>
    (float, float, float, float) DrawFinding(OverlayFinding finding, string label, OverlayFrame frame, PixelRect image)
    {
        var (x1, y1, x2, y2) = OnScreen(finding.Box.Box, frame, image);
        float sx = (float)image.Width / frame.Width, sy = (float)image.Height / frame.Height;
        ClipTo(image);
        DrawPath(finding.Path.Select(c => (image.X + c.X * sx, image.Y + c.Y * sy)).ToList(), new Box(x1, y1, x2, y2), 1f);
        // Outside the newest detection's outline: where the two boxes coincide, both rings stay visible.
        float g = options.BoxLineWidth;
        DrawOutline(x1 - g, y1 - g, x2 + g, y2 + g, options.FindingLineWidth, OverlayColors.Finding);
        gl.Disable(EnableCap.ScissorTest);
        DrawLabel(label, x1, y1, y2, image, 1f, below: false);
        return (x1, y1, x2, y2);
    }

    /// <summary>A drill's reveal on the live image: the truth box (green outline) and the trainee's mark (a magenta cross).</summary>
    void DrawReveal(OverlayReveal reveal, OverlayFrame frame, PixelRect image)
    {
        ClipTo(image);
        if (reveal.Truth is { } truth)
        {
            var (x1, y1, x2, y2) = OnScreen(truth, frame, image);
            DrawOutline(x1, y1, x2, y2, options.BoxLineWidth, OverlayColors.Truth);
        }
        if (reveal.Mark is { } mark)
        {
            var (x, y, _, _) = OnScreen(new Box(mark.X, mark.Y, mark.X, mark.Y), frame, image);
            float arm = 3f * options.FindingLineWidth + 4f, half = options.BoxLineWidth / 2f;
            FillRect(x - arm, y - half, 2 * arm, 2 * half, OverlayColors.Mark);
            FillRect(x - half, y - arm, 2 * half, 2 * arm, OverlayColors.Mark);
        }
        gl.Disable(EnableCap.ScissorTest);
    }

    static (float X1, float Y1, float X2, float Y2) OnScreen(Box box, OverlayFrame frame, PixelRect image)
    {
        float sx = (float)image.Width / frame.Width, sy = (float)image.Height / frame.Height;
        return (image.X + box.X1 * sx, image.Y + box.Y1 * sy, image.X + box.X2 * sx, image.Y + box.Y2 * sy);
    }

    /// <summary>Scissor to a rectangle (the AI image: whatever the geometry, no mark leaves it).</summary>
    void ClipTo(PixelRect rect)
    {
        gl.Enable(EnableCap.ScissorTest);
        gl.Scissor(rect.X, framebufferHeight - rect.Bottom, (uint)rect.Width, (uint)rect.Height);
    }

    /// <summary>An unfilled outline <paramref name="t"/> pixels wide just outside the box, so the pixels inside it stay visible.</summary>
    void DrawOutline(float x1, float y1, float x2, float y2, float t, (float R, float G, float B, float A) color)
    {
        float w = x2 - x1, h = y2 - y1;
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

    /// <summary>
    /// The label sits outside the box: above it (the finding's) or below it (the newest detection's), so the two never
    /// cover each other; on the other side when there is no room.
    /// </summary>
    void DrawLabel(string label, float x1, float y1, float y2, PixelRect image, float opacity, bool below)
    {
        var text = texts.Get(label, options.LabelTextSize);
        float gap = options.BoxLineWidth + options.FindingLineWidth + 2f;
        float above = y1 - gap - text.Height, under = y2 + gap;
        bool fitsAbove = above >= image.Y, fitsBelow = under + text.Height <= image.Bottom;
        float y = below ? (fitsBelow || !fitsAbove ? under : above) : (fitsAbove ? above : under);
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
