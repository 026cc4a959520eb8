using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Context;

internal static class GlInfo
{
    /// <summary>"version / renderer" of the current context, for the description users see.</summary>
    public static string Describe(GL gl) =>
        $"{gl.GetStringS(StringName.Version)} / {gl.GetStringS(StringName.Renderer)}";

    /// <summary>Rejects a context below 3.3, which the shaders need.</summary>
    public static void RequireVersion33(GL gl, string source)
    {
        gl.GetInteger(GetPName.MajorVersion, out int major);
        gl.GetInteger(GetPName.MinorVersion, out int minor);
        if (major * 10 + minor < 33)
            throw new OverlayContextException($"{source} gave OpenGL {major}.{minor}; the overlay needs 3.3 core (Mesa: libgl1-mesa-dri)");
    }
}
