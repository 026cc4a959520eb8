using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Context;

/// <summary>
/// An OpenGL 3.3 core context, current on the thread that made it (the render thread), with a framebuffer to draw
/// into: a window's back buffer (GLFW) or an offscreen one (EGL surfaceless).
/// </summary>
internal interface IGlContext : IDisposable
{
    GL Gl { get; }

    /// <summary>e.g. "EGL surfaceless: 4.5 (Core Profile) Mesa 22.3.6 / llvmpipe".</summary>
    string Description { get; }

    bool IsWindowed { get; }

    /// <summary>The drawable size in pixels.</summary>
    (int Width, int Height) FramebufferSize { get; }

    /// <summary>True once the user closed the window (never for headless).</summary>
    bool CloseRequested { get; }

    /// <summary>Called on the render thread during <see cref="PollEvents"/> for each key press or repeat (GLFW key code, modifier bits).</summary>
    Action<int, int>? KeyPressed { get; set; }

    /// <summary>
    /// Called on the render thread during <see cref="PollEvents"/> for each left-button press, at the pointer in
    /// framebuffer pixels (window coordinates scaled to the drawable, so it stays right on HiDPI and after a resize).
    /// </summary>
    Action<double, double>? Clicked { get; set; }

    /// <summary>Binds the framebuffer this frame is drawn into.</summary>
    void BeginFrame();

    /// <summary>Shows the drawn frame (swap for a window; nothing offscreen).</summary>
    void Present();

    void PollEvents();

    /// <summary>Asks for a new drawable size (window resize, or a new offscreen buffer).</summary>
    void Resize(int width, int height);
}
