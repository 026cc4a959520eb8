using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Context;

/// <summary>
/// A GLFW window (X11) with an OpenGL 3.3 core context, keyboard and mouse input. GLFW is process-global: one window at a
/// time, created, polled and disposed on the render thread.
/// </summary>
internal sealed unsafe class GlfwWindowContext : IGlContext
{
    // GLFW calls the key callback with the window handle only; this finds the instance during PollEvents.
    static readonly ConcurrentDictionary<nint, GlfwWindowContext> Windows = new();
    const int PressAction = 1, RepeatAction = 2, LeftButton = 0;

    readonly GlfwApi glfw;
    readonly nint window;
    // The pointer as of the events handled so far: glfwGetCursorPos asks the X server for where it is now, which is
    // wrong for a press queued before later motion (two quick clicks in different places).
    (double X, double Y)? cursor;

    public GlfwWindowContext(int width, int height, string title, string library = GlfwApi.DefaultLibrary)
    {
        glfw = new GlfwApi(library);
        if (glfw.Init() == 0)
            throw new OverlayContextException($"glfwInit failed ({glfw.LastError()}); a window needs an X display (DISPLAY), or use --headless");
        window = CreateWindow(width, height, title);
        glfw.MakeContextCurrent(window);
        glfw.SwapInterval(1);
        Windows[window] = this;
        glfw.SetKeyCallback(window, (nint)(delegate* unmanaged<nint, int, int, int, int, void>)&OnKey);
        glfw.SetMouseButtonCallback(window, (nint)(delegate* unmanaged<nint, int, int, int, void>)&OnMouseButton);
        glfw.SetCursorPosCallback(window, (nint)(delegate* unmanaged<nint, double, double, void>)&OnCursorPos);
        Gl = GL.GetApi(glfw.GetProcAddress);
        GlInfo.RequireVersion33(Gl, "GLFW");
        Description = $"GLFW window (X11): {GlInfo.Describe(Gl)}";
    }

    public GL Gl { get; }
    public string Description { get; }
    public bool IsWindowed => true;
    public bool CloseRequested => glfw.WindowShouldClose(window) != 0;
    public Action<int, int>? KeyPressed { get; set; }
    public Action<double, double>? Clicked { get; set; }

    public (int Width, int Height) FramebufferSize
    {
        get
        {
            int w, h;
            glfw.GetFramebufferSize(window, &w, &h);
            return (w, h);
        }
    }

    nint CreateWindow(int width, int height, string title)
    {
        glfw.WindowHint(GlfwApi.ContextVersionMajor, 3);
        glfw.WindowHint(GlfwApi.ContextVersionMinor, 3);
        glfw.WindowHint(GlfwApi.OpenGlProfile, GlfwApi.OpenGlCoreProfile);
        glfw.WindowHint(GlfwApi.OpenGlForwardCompat, 1);
        nint text = Marshal.StringToHGlobalAnsi(title);
        try
        {
            nint created = glfw.CreateWindow(width, height, (byte*)text, 0, 0);
            if (created != 0) return created;
            string error = glfw.LastError();
            glfw.Terminate();
            throw new OverlayContextException($"glfwCreateWindow(OpenGL 3.3 core) failed ({error}); Mesa: libgl1-mesa-dri");
        }
        finally { Marshal.FreeHGlobal(text); }
    }

    [UnmanagedCallersOnly]
    static void OnKey(nint handle, int key, int scancode, int action, int mods)
    {
        if ((action == PressAction || action == RepeatAction) && Windows.TryGetValue(handle, out var owner))
            owner.KeyPressed?.Invoke(key, mods);
    }

    [UnmanagedCallersOnly]
    static void OnMouseButton(nint handle, int button, int action, int mods)
    {
        if (button == LeftButton && action == PressAction && Windows.TryGetValue(handle, out var owner)) owner.OnClick();
    }

    [UnmanagedCallersOnly]
    static void OnCursorPos(nint handle, double x, double y)
    {
        if (Windows.TryGetValue(handle, out var owner)) owner.cursor = (x, y);
    }

    void OnClick()
    {
        double x, y;
        int windowWidth, windowHeight;
        if (cursor is { } known) (x, y) = known;
        else glfw.GetCursorPos(window, &x, &y);
        glfw.GetWindowSize(window, &windowWidth, &windowHeight);
        var (width, height) = FramebufferSize;
        if (windowWidth <= 0 || windowHeight <= 0) return;
        Clicked?.Invoke(x * width / windowWidth, y * height / windowHeight);
    }

    public void BeginFrame() => Gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);

    public void Present() => glfw.SwapBuffers(window);

    public void PollEvents() => glfw.PollEvents();

    public void Resize(int width, int height) => glfw.SetWindowSize(window, width, height);

    public void Dispose()
    {
        Windows.TryRemove(window, out _);
        Gl.Dispose();
        glfw.DestroyWindow(window);
        glfw.Terminate();
    }
}
