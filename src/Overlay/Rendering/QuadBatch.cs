using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>One vertex array for every quad: four (x, y, u, v) vertices in framebuffer pixels, drawn as a fan.</summary>
internal sealed unsafe class QuadBatch : IDisposable
{
    const int FloatsPerVertex = 4;
    readonly GL gl;
    readonly uint vertexArray, vertexBuffer;
    readonly float[] vertices = new float[4 * FloatsPerVertex];

    public QuadBatch(GL gl)
    {
        this.gl = gl;
        vertexArray = gl.GenVertexArray();
        gl.BindVertexArray(vertexArray);
        vertexBuffer = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, vertexBuffer);
        gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(vertices.Length * sizeof(float)), null, BufferUsageARB.DynamicDraw);
        uint stride = FloatsPerVertex * sizeof(float);
        gl.VertexAttribPointer(0, 2, VertexAttribPointerType.Float, false, stride, (void*)0);
        gl.EnableVertexAttribArray(0);
        gl.VertexAttribPointer(1, 2, VertexAttribPointerType.Float, false, stride, (void*)(2 * sizeof(float)));
        gl.EnableVertexAttribArray(1);
    }

    /// <summary>An axis-aligned rectangle with texture coordinates (0,0) top-left to (1,1) bottom-right.</summary>
    public void DrawRect(float x, float y, float width, float height) =>
        Draw((x, y), (x + width, y), (x + width, y + height), (x, y + height));

    /// <summary>Any convex quad given corner by corner around its edge; texture coordinates follow the corners.</summary>
    public void Draw((float X, float Y) a, (float X, float Y) b, (float X, float Y) c, (float X, float Y) d)
    {
        Set(0, a, 0, 0); Set(1, b, 1, 0); Set(2, c, 1, 1); Set(3, d, 0, 1);
        gl.BindVertexArray(vertexArray);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, vertexBuffer);
        fixed (float* data = vertices)
            gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, (nuint)(vertices.Length * sizeof(float)), data);
        gl.DrawArrays(PrimitiveType.TriangleFan, 0, 4);
    }

    void Set(int index, (float X, float Y) p, float u, float v)
    {
        int o = index * FloatsPerVertex;
        vertices[o] = p.X; vertices[o + 1] = p.Y; vertices[o + 2] = u; vertices[o + 3] = v;
    }

    public void Dispose()
    {
        gl.DeleteBuffer(vertexBuffer);
        gl.DeleteVertexArray(vertexArray);
    }
}
