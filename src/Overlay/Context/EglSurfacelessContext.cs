using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Context;

/// <summary>
/// A headless OpenGL 3.3 core context on Mesa's surfaceless EGL platform (no X server, no GPU needed), drawing into
/// an RGBA8 framebuffer object. Must be created, used and disposed on one thread.
/// </summary>
internal sealed unsafe class EglSurfacelessContext : IGlContext
{
    readonly EglApi egl;
    readonly nint display;
    readonly nint context;
    uint framebuffer, colorBuffer;
    int width, height;

    public EglSurfacelessContext(int width, int height, string library = EglApi.DefaultLibrary)
    {
        egl = new EglApi(library);
        display = egl.GetPlatformDisplay(EglApi.PlatformSurfacelessMesa, 0, null);
        egl.Check(display != 0, "eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA)");
        int major, minor;
        egl.Check(egl.Initialize(display, &major, &minor) != 0, "eglInitialize");
        context = CreateCoreContext();
        egl.Check(egl.MakeCurrent(display, 0, 0, context) != 0, "eglMakeCurrent(no surface)");
        Gl = GL.GetApi(egl.GetProcAddress);
        GlInfo.RequireVersion33(Gl, "EGL");
        Description = $"EGL {major}.{minor} surfaceless: {GlInfo.Describe(Gl)}";
        Resize(width, height);
    }

    public GL Gl { get; }
    public string Description { get; }
    public bool IsWindowed => false;
    public (int Width, int Height) FramebufferSize => (width, height);
    public bool CloseRequested => false;
    public Action<int, int>? KeyPressed { get; set; }
    public Action<double, double>? Clicked { get; set; }

    nint CreateCoreContext()
    {
        int* configAttributes = stackalloc int[]
        {
            EglApi.SurfaceType, 0, EglApi.RenderableType, EglApi.OpenGlBit,
            EglApi.RedSize, 8, EglApi.GreenSize, 8, EglApi.BlueSize, 8, EglApi.AlphaSize, 8, EglApi.None,
        };
        nint config;
        int count;
        egl.Check(egl.ChooseConfig(display, configAttributes, &config, 1, &count) != 0 && count > 0, "eglChooseConfig(OpenGL, RGBA8, no surface)");
        egl.Check(egl.BindApi(EglApi.OpenGlApi) != 0, "eglBindAPI(EGL_OPENGL_API)");
        int* contextAttributes = stackalloc int[]
        {
            EglApi.ContextMajorVersion, 3, EglApi.ContextMinorVersion, 3,
            EglApi.ContextOpenGlProfileMask, EglApi.ContextOpenGlCoreProfileBit, EglApi.None,
        };
        nint created = egl.CreateContext(display, config, 0, contextAttributes);
        egl.Check(created != 0, "eglCreateContext(OpenGL 3.3 core)");
        return created;
    }

    public void Resize(int newWidth, int newHeight)
    {
        if (newWidth <= 0 || newHeight <= 0) throw new ArgumentException($"framebuffer size {newWidth}x{newHeight} is not positive");
        if (newWidth == width && newHeight == height) return;
        DeleteFramebuffer();
        width = newWidth; height = newHeight;
        colorBuffer = Gl.GenRenderbuffer();
        Gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, colorBuffer);
        Gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        framebuffer = Gl.GenFramebuffer();
        Gl.BindFramebuffer(FramebufferTarget.Framebuffer, framebuffer);
        Gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, colorBuffer);
        var status = Gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
            throw new OverlayContextException($"offscreen framebuffer {width}x{height} is incomplete ({status})");
    }

    public void BeginFrame() => Gl.BindFramebuffer(FramebufferTarget.Framebuffer, framebuffer);

    public void Present() => Gl.Flush();

    public void PollEvents() { }

    void DeleteFramebuffer()
    {
        if (framebuffer != 0) Gl.DeleteFramebuffer(framebuffer);
        if (colorBuffer != 0) Gl.DeleteRenderbuffer(colorBuffer);
        framebuffer = colorBuffer = 0;
    }

    public void Dispose()
    {
        DeleteFramebuffer();
        Gl.Dispose();
        egl.MakeCurrent(display, 0, 0, 0);
        egl.DestroyContext(display, context);
        egl.ReleaseThread();
        // eglTerminate is left out on purpose: Mesa's surfaceless display is shared per process, and terminating it
        // would invalidate another overlay's context (e.g. parallel tests).
    }
}
