using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>JPEG 2000 (lossless and lossy) through OpenJPEG 2 (Debian libopenjp2-7), reading from memory.</summary>
internal sealed unsafe class Jpeg2000Codec : IFrameCodec
{
    static readonly NativeCodecLibrary Library = new("libopenjp2.so.7", "libopenjp2-7");

    public static bool IsAvailable => Library.IsAvailable;

    const int CodecJ2K = 0;
    const int CodecJP2 = 2;
    // opj_dparameters_t is about 8.2 KB in OpenJPEG 2.x; the library fills it, so a larger zeroed block is safe.
    const int DecoderParametersBytes = 16384;

    struct MemorySource
    {
        public byte* Data;
        public long Length;
        public long Position;
    }

    // opj_image_t and opj_image_comp_t (OpenJPEG 2.5, 64-bit)
    [StructLayout(LayoutKind.Sequential)]
    struct Image
    {
        public uint X0, Y0, X1, Y1, ComponentCount;
        public int ColorSpace;
        public ImageComponent* Components;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct ImageComponent
    {
        public uint Dx, Dy, Width, Height, X0, Y0, Precision, Bpp, Signed, ResolutionsDecoded, Factor;
        public int* Data;
        public ushort Alpha;
    }

    public ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame)
    {
        var api = new Api(frame);
        var format = data.Length > 12 && data[4] == 'j' && data[5] == 'P' ? CodecJP2 : CodecJ2K;
        var codec = api.CreateDecompress(format);
        var stream = api.StreamCreate(1 << 16, 1);
        Image* image = null;
        try
        {
            var parameters = stackalloc byte[DecoderParametersBytes];
            new Span<byte>(parameters, DecoderParametersBytes).Clear();
            api.SetDefaultParameters(parameters);
            if (api.SetupDecoder(codec, parameters) == 0) throw frame.Fail("OpenJPEG refused the decoder setup");
            fixed (byte* bytes = data)
            {
                var source = new MemorySource { Data = bytes, Length = data.Length };
                api.SetReadFunction(stream, &Read);
                api.SetSkipFunction(stream, &Skip);
                api.SetSeekFunction(stream, &Seek);
                api.SetUserData(stream, &source, null);
                api.SetUserDataLength(stream, (ulong)data.Length);
                if (api.ReadHeader(stream, codec, &image) == 0) throw frame.Fail("corrupt JPEG 2000 data: header unreadable");
                CheckGeometry(image, frame);
                if (api.Decode(codec, stream, image) == 0 || api.EndDecompress(codec, stream) == 0) throw frame.Fail("corrupt JPEG 2000 data: decoding failed");
                return Interleave(image, frame);
            }
        }
        finally
        {
            if (image != null) api.ImageDestroy(image);
            api.StreamDestroy(stream);
            api.DestroyCodec(codec);
        }
    }

    static void CheckGeometry(Image* image, FrameContext frame)
    {
        var p = frame.Pixels;
        var width = image->X1 - image->X0;
        var height = image->Y1 - image->Y0;
        if (width != p.Columns || height != p.Rows || image->ComponentCount != p.SamplesPerPixel)
            throw frame.Fail($"JPEG 2000 image is {width}x{height}x{image->ComponentCount}, the pixel module says {p.Columns}x{p.Rows}x{p.SamplesPerPixel}");
    }

    static ushort[] Interleave(Image* image, FrameContext frame)
    {
        var p = frame.Pixels;
        var pixels = p.Rows * p.Columns;
        var samples = new ushort[pixels * p.SamplesPerPixel];
        for (var c = 0; c < p.SamplesPerPixel; c++)
        {
            var component = image->Components[c];
            if (component.Width != p.Columns || component.Height != p.Rows || component.Data == null)
                throw frame.Fail("JPEG 2000 component is subsampled or was not decoded");
            for (var i = 0; i < pixels; i++) samples[i * p.SamplesPerPixel + c] = unchecked((ushort)component.Data[i]);
        }
        return samples;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    static nuint Read(byte* buffer, nuint count, MemorySource* source)
    {
        var left = source->Length - source->Position;
        if (left <= 0) return unchecked((nuint)(-1));
        var n = (long)Math.Min((ulong)left, count);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    static long Skip(long count, MemorySource* source)
    {
        var target = Math.Clamp(source->Position + count, 0, source->Length);
        var skipped = target - source->Position;
        source->Position = target;
        return skipped;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    static int Seek(long position, MemorySource* source)
    {
        if (position < 0 || position > source->Length) return 0;
        source->Position = position;
        return 1;
    }

    /// <summary>The OpenJPEG functions this codec calls, resolved from the library.</summary>
    readonly struct Api(FrameContext frame)
    {
        T F<T>(string name) where T : unmanaged
        {
            var address = Library.Function(name, frame);
            return Unsafe.As<IntPtr, T>(ref address);
        }

        public IntPtr CreateDecompress(int format) => ((delegate* unmanaged<int, IntPtr>)F<nint>("opj_create_decompress"))(format);
        public IntPtr StreamCreate(nuint size, int input) => ((delegate* unmanaged<nuint, int, IntPtr>)F<nint>("opj_stream_create"))(size, input);
        public void SetDefaultParameters(byte* p) => ((delegate* unmanaged<byte*, void>)F<nint>("opj_set_default_decoder_parameters"))(p);
        public int SetupDecoder(IntPtr codec, byte* p) => ((delegate* unmanaged<IntPtr, byte*, int>)F<nint>("opj_setup_decoder"))(codec, p);
        public void SetReadFunction(IntPtr s, delegate* unmanaged[Cdecl]<byte*, nuint, MemorySource*, nuint> fn) => ((delegate* unmanaged<IntPtr, void*, void>)F<nint>("opj_stream_set_read_function"))(s, fn);
        public void SetSkipFunction(IntPtr s, delegate* unmanaged[Cdecl]<long, MemorySource*, long> fn) => ((delegate* unmanaged<IntPtr, void*, void>)F<nint>("opj_stream_set_skip_function"))(s, fn);
        public void SetSeekFunction(IntPtr s, delegate* unmanaged[Cdecl]<long, MemorySource*, int> fn) => ((delegate* unmanaged<IntPtr, void*, void>)F<nint>("opj_stream_set_seek_function"))(s, fn);
        public void SetUserData(IntPtr s, void* data, void* free) => ((delegate* unmanaged<IntPtr, void*, void*, void>)F<nint>("opj_stream_set_user_data"))(s, data, free);
        public void SetUserDataLength(IntPtr s, ulong length) => ((delegate* unmanaged<IntPtr, ulong, void>)F<nint>("opj_stream_set_user_data_length"))(s, length);
        public int ReadHeader(IntPtr s, IntPtr codec, Image** image) => ((delegate* unmanaged<IntPtr, IntPtr, Image**, int>)F<nint>("opj_read_header"))(s, codec, image);
        public int Decode(IntPtr codec, IntPtr s, Image* image) => ((delegate* unmanaged<IntPtr, IntPtr, Image*, int>)F<nint>("opj_decode"))(codec, s, image);
        public int EndDecompress(IntPtr codec, IntPtr s) => ((delegate* unmanaged<IntPtr, IntPtr, int>)F<nint>("opj_end_decompress"))(codec, s);
        public void ImageDestroy(Image* image) => ((delegate* unmanaged<Image*, void>)F<nint>("opj_image_destroy"))(image);
        public void StreamDestroy(IntPtr s) => ((delegate* unmanaged<IntPtr, void>)F<nint>("opj_stream_destroy"))(s);
        public void DestroyCodec(IntPtr codec) => ((delegate* unmanaged<IntPtr, void>)F<nint>("opj_destroy_codec"))(codec);
    }
}
