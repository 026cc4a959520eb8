using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>A linked GLSL 330 core program; compile and link errors carry the driver's log.</summary>
internal sealed class ShaderProgram : IDisposable
{
    readonly GL gl;
    readonly Dictionary<string, int> locations = new();

    public ShaderProgram(GL gl, string name, string vertexSource, string fragmentSource)
    {
        this.gl = gl;
        uint vertex = Compile(ShaderType.VertexShader, name, vertexSource);
        uint fragment = Compile(ShaderType.FragmentShader, name, fragmentSource);
        Handle = gl.CreateProgram();
        gl.AttachShader(Handle, vertex);
        gl.AttachShader(Handle, fragment);
        gl.LinkProgram(Handle);
        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out int linked);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        if (linked == 0) throw new InvalidOperationException($"shader program {name} does not link: {gl.GetProgramInfoLog(Handle)}");
    }

    public uint Handle { get; }

    uint Compile(ShaderType type, string name, string source)
    {
        uint shader = gl.CreateShader(type);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled == 0) throw new InvalidOperationException($"{type} of {name} does not compile: {gl.GetShaderInfoLog(shader)}");
        return shader;
    }

    public void Use() => gl.UseProgram(Handle);

    public int Location(string uniform)
    {
        if (!locations.TryGetValue(uniform, out int location))
            locations[uniform] = location = gl.GetUniformLocation(Handle, uniform);
        return location;
    }

    public void Dispose() => gl.DeleteProgram(Handle);
}
