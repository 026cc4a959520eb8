namespace OccluNet.Live.Capture.Codecs;

/// <summary>JPEG-LS lossless and near-lossless through CharLS 2 (Debian libcharls2), called through its C API.</summary>
internal sealed unsafe class JpegLsCodec : IFrameCodec
{
    static readonly NativeCodecLibrary Library = new("libcharls.so.2", "libcharls2");

    public static bool IsAvailable => Library.IsAvailable;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    struct FrameInfo
    {
        public uint Width;
        public uint Height;
        public int BitsPerSample;
        public int ComponentCount;
    }

    public ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame)
    {
        var create = (delegate* unmanaged<IntPtr>)Library.Function("charls_jpegls_decoder_create", frame);
        var destroy = (delegate* unmanaged<IntPtr, void>)Library.Function("charls_jpegls_decoder_destroy", frame);
        var setSource = (delegate* unmanaged<IntPtr, byte*, nuint, int>)Library.Function("charls_jpegls_decoder_set_source_buffer", frame);
        var readHeader = (delegate* unmanaged<IntPtr, int>)Library.Function("charls_jpegls_decoder_read_header", frame);
        var getFrameInfo = (delegate* unmanaged<IntPtr, FrameInfo*, int>)Library.Function("charls_jpegls_decoder_get_frame_info", frame);
        var getInterleave = (delegate* unmanaged<IntPtr, int*, int>)Library.Function("charls_jpegls_decoder_get_interleave_mode", frame);
        var decode = (delegate* unmanaged<IntPtr, byte*, nuint, uint, int>)Library.Function("charls_jpegls_decoder_decode_to_buffer", frame);
        var message = (delegate* unmanaged<int, IntPtr>)Library.Function("charls_get_error_message", frame);
        var decoder = create();
        if (decoder == IntPtr.Zero) throw frame.Fail("CharLS could not create a decoder");
        try
        {
            fixed (byte* source = data)
            {
                Check(setSource(decoder, source, (nuint)data.Length), message, frame);
                Check(readHeader(decoder), message, frame);
                FrameInfo info;
                Check(getFrameInfo(decoder, &info), message, frame);
                CheckGeometry(info, frame);
                int interleave;
                Check(getInterleave(decoder, &interleave), message, frame);
                var bytesPerSample = info.BitsPerSample > 8 ? 2 : 1;
                var raw = new byte[(long)info.Width * info.Height * info.ComponentCount * bytesPerSample];
                fixed (byte* destination = raw) Check(decode(decoder, destination, (nuint)raw.Length, 0), message, frame);
                return ToSamples(raw, bytesPerSample, info.ComponentCount, planar: interleave == 0 && info.ComponentCount > 1);
            }
        }
        finally
        {
            destroy(decoder);
        }
    }

    static void CheckGeometry(FrameInfo info, FrameContext frame)
    {
        var p = frame.Pixels;
        if (info.Width != p.Columns || info.Height != p.Rows || info.ComponentCount != p.SamplesPerPixel)
            throw frame.Fail($"JPEG-LS frame is {info.Width}x{info.Height}x{info.ComponentCount}, the pixel module says {p.Columns}x{p.Rows}x{p.SamplesPerPixel}");
        if (info.BitsPerSample is < 2 or > 16) throw frame.Fail($"JPEG-LS sample precision {info.BitsPerSample} is not supported");
    }

    static void Check(int error, delegate* unmanaged<int, IntPtr> message, FrameContext frame)
    {
        if (error != 0) throw frame.Fail($"JPEG-LS decoding failed: {System.Runtime.InteropServices.Marshal.PtrToStringUTF8(message(error))} (CharLS error {error})");
    }

    static ushort[] ToSamples(byte[] raw, int bytesPerSample, int components, bool planar)
    {
        var count = raw.Length / bytesPerSample;
        var samples = new ushort[count];
        var perPlane = count / components;
        for (var i = 0; i < count; i++)
        {
            var value = bytesPerSample == 2 ? (ushort)(raw[2 * i] | raw[2 * i + 1] << 8) : raw[i];
            var target = planar ? (i % perPlane) * components + i / perPlane : i;
            samples[target] = value;
        }
        return samples;
    }
}
