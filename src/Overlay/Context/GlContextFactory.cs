namespace OccluNet.Live.Overlay.Context;

/// <summary>
/// Picks the context: a GLFW window when a display exists and headless was not asked for, else EGL surfaceless.
/// When the window cannot be made, falls back to headless and says why in <see cref="GlContextChoice.Notes"/>;
/// when neither works, throws one error naming both libraries and their Debian packages.
/// </summary>
internal static class GlContextFactory
{
    public static GlContextChoice Create(bool headless, int width, int height, string title,
        string eglLibrary = EglApi.DefaultLibrary, string glfwLibrary = GlfwApi.DefaultLibrary)
    {
        string? windowFailure = null;
        bool hasDisplay = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"));
        if (!headless && hasDisplay)
        {
            try { return new GlContextChoice(new GlfwWindowContext(width, height, title, glfwLibrary), null); }
            catch (OverlayContextException e) { windowFailure = e.Message; }
        }
        try
        {
            var context = new EglSurfacelessContext(width, height, eglLibrary);
            string? notes = windowFailure is null ? null : $"no window ({windowFailure}); rendering headless";
            return new GlContextChoice(context, notes);
        }
        catch (OverlayContextException e)
        {
            string window = windowFailure ?? (headless ? "window not asked for (--headless)" : "no window: DISPLAY is not set");
            throw new OverlayContextException($"no OpenGL context: headless: {e.Message}; {window}", e);
        }
    }
}

/// <summary>The context made, and why it is not the one asked for (null when it is).</summary>
internal sealed record GlContextChoice(IGlContext Context, string? Notes);
