using OccluNet.Live.Overlay.Context;

namespace OccluNet.Live.Overlay.Tests;

public sealed class ContextTests
{
    [Test]
    public void Egl_surfaceless_gives_a_core_33_or_newer_context()
    {
        using var context = new EglSurfacelessContext(64, 48);
        Assert.That(context.Description, Does.StartWith("EGL").And.Contain("Core Profile"));
        Assert.That(context.FramebufferSize, Is.EqualTo((64, 48)));
        Assert.That(context.IsWindowed, Is.False);
    }

    [Test]
    public void A_missing_egl_library_is_named_with_its_debian_packages()
    {
        Assert.That(() => new EglSurfacelessContext(64, 48, "libEGL-not-here.so.1"),
            Throws.TypeOf<OverlayContextException>().With.Message.Contains("libEGL-not-here.so.1").And.Message.Contains("libegl1 libegl-mesa0"));
    }

    [Test]
    public void When_neither_context_works_the_error_names_both_causes()
    {
        var error = Assert.Throws<OverlayContextException>(() =>
            GlContextFactory.Create(headless: true, 64, 48, "t", eglLibrary: "libEGL-not-here.so.1", glfwLibrary: "libglfw-not-here.so.3"));
        Assert.That(error!.Message, Does.Contain("no OpenGL context").And.Contain("libEGL-not-here.so.1").And.Contain("--headless"));
    }

    [Test]
    public void A_missing_glfw_library_is_named_with_its_debian_package()
    {
        Assert.That(() => new GlfwWindowContext(64, 48, "t", "libglfw-not-here.so.3"),
            Throws.TypeOf<OverlayContextException>().With.Message.Contains("libglfw-not-here.so.3").And.Message.Contains("libglfw3"));
    }

    [Test]
    [NonParallelizable]
    public void An_unusable_display_falls_back_to_headless_and_says_why()
    {
        string? previous = Environment.GetEnvironmentVariable("DISPLAY");
        XvfbDisplay.SetDisplay(":987");
        try
        {
            var choice = GlContextFactory.Create(headless: false, 32, 32, "t");
            using var context = choice.Context;
            Assert.That(context, Is.TypeOf<EglSurfacelessContext>());
            Assert.That(choice.Notes, Does.Contain("glfwInit failed").And.Contain("rendering headless"));
        }
        finally { XvfbDisplay.SetDisplay(previous); }
    }

    [Test]
    public void Headless_request_gets_egl_even_with_a_display()
    {
        var choice = GlContextFactory.Create(headless: true, 32, 32, "t");
        using var context = choice.Context;
        Assert.That(context, Is.TypeOf<EglSurfacelessContext>());
        Assert.That(choice.Notes, Is.Null);
    }
}
