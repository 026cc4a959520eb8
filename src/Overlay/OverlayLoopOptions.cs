using OccluNet.Live.Overlay.Rendering;

namespace OccluNet.Live.Overlay;

/// <summary>
/// How the render loop runs: headless (EGL) or windowed (GLFW when DISPLAY is set), the initial size, how often it
/// looks for new state, and where snapshots go (null: none) and how often (every Nth live frame).
/// </summary>
public sealed record OverlayLoopOptions
{
    public bool Headless { get; init; }
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;
    public string Title { get; init; } = "OccluNet.Live";
    public double RenderHz { get; init; } = 30;
    public string? SnapshotDirectory { get; init; }
    public int SnapshotEveryNth { get; init; } = 1;
    public OverlayRenderOptions Render { get; init; } = new();

    public void Validate()
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"overlay size {Width}x{Height} is not positive");
        if (RenderHz is <= 0 or > 240) throw new ArgumentException($"overlay render rate {RenderHz} Hz is outside (0, 240]");
        if (SnapshotEveryNth < 1) throw new ArgumentException($"snapshots: every-nth must be at least 1, was {SnapshotEveryNth}");
        Render.Fade.Validate();
    }
}
