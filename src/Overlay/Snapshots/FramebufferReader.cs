using Silk.NET.OpenGL;

namespace OccluNet.Live.Overlay.Snapshots;

/// <summary>The bound framebuffer's pixels as RGBA bytes, top row first (glReadPixels gives bottom row first).</summary>
internal static unsafe class FramebufferReader
{
    public static byte[] ReadRgba(GL gl, int width, int height)
    {
        var bottomUp = new byte[width * height * 4];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* data = bottomUp)
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, data);
        var topDown = new byte[bottomUp.Length];
        int stride = width * 4;
        for (int row = 0; row < height; row++)
            System.Buffer.BlockCopy(bottomUp, (height - 1 - row) * stride, topDown, row * stride, stride);
        return topDown;
    }
}
