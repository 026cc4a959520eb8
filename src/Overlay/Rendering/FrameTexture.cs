using OccluNet.Live.Overlay.Contract;
using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// A frame's stored values as an R16 texture (exact for up to 16 bits). Uploads only when the frame object changes.
/// </summary>
internal sealed unsafe class FrameTexture : IDisposable
{
    readonly GL gl;
    readonly uint texture;
    readonly TextureMinFilter filter;
    OverlayFrame? uploaded;

    public FrameTexture(GL gl, bool smooth)
    {
        this.gl = gl;
        filter = smooth ? TextureMinFilter.Linear : TextureMinFilter.Nearest;
        texture = gl.GenTexture();
    }

    public void Bind(OverlayFrame frame)
    {
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, texture);
        if (ReferenceEquals(uploaded, frame)) return;
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)filter);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)filter);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        fixed (ushort* pixels = frame.Pixels)
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.R16, (uint)frame.Width, (uint)frame.Height, 0,
                PixelFormat.Red, PixelType.UnsignedShort, pixels);
        uploaded = frame;
    }

    public void Dispose() => gl.DeleteTexture(texture);
}
