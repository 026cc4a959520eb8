using System.Buffers;
using JpegLibrary;
using OccluNet.Live.Capture.Codecs;

namespace OccluNet.Live.Capture.Images;

/// <summary>JPEG image files through JpegLibrary: grey (or a colour file's luma) decode, 8-bit grey baseline encode.</summary>
internal static class JpegImage
{
    public static GrayImage Decode(byte[] data, string path)
    {
        try
        {
            var decoder = Identify(data);
            var pixels = new ushort[decoder.Width * decoder.Height];
            decoder.SetOutputWriter(new JpegGrayBlockWriter(pixels, decoder.Width, decoder.Height, (1 << decoder.Precision) - 1));
            decoder.Decode();
            return new GrayImage(decoder.Width, decoder.Height, decoder.Precision, pixels);
        }
        catch (Exception e)
        {
            // A third-party decoder throws whatever it hits on damaged data: at this boundary all of it is a corrupt file.
            throw new InvalidDataException($"{path}: corrupt JPEG ({e.Message})", e);
        }
    }

    public static ImageHeader ReadHeader(byte[] data, string path)
    {
        try
        {
            var decoder = Identify(data);
            return new ImageHeader(decoder.Width, decoder.Height, decoder.Precision);
        }
        catch (Exception e)
        {
            throw new InvalidDataException($"{path}: corrupt JPEG header ({e.Message})", e);
        }
    }

    static JpegDecoder Identify(byte[] data)
    {
        var decoder = new JpegDecoder();
        decoder.SetInput(data);
        decoder.Identify();
        return decoder;
    }

    /// <summary>Baseline JPEG, one grey component, the standard luminance tables scaled to <paramref name="quality"/> (1-100).</summary>
    public static byte[] Encode(GrayImage image, int quality, string path)
    {
        if (image.BitDepth != 8) throw new ArgumentException($"{path}: a JPEG frame holds 8 bits; the image has {image.BitDepth}");
        if (quality is < 1 or > 100) throw new ArgumentException($"JPEG quality must be 1-100, not {quality}");
        var encoder = new JpegEncoder();
        encoder.SetQuantizationTable(JpegStandardQuantizationTable.ScaleByQuality(
            JpegStandardQuantizationTable.GetLuminanceTable(JpegElementPrecision.Precision8Bit, 0), quality));
        encoder.SetHuffmanTable(true, 0, JpegStandardHuffmanEncodingTable.GetLuminanceDCTable());
        encoder.SetHuffmanTable(false, 0, JpegStandardHuffmanEncodingTable.GetLuminanceACTable());
        encoder.AddComponent(0, 0, 0, 0, 1, 1);
        encoder.SetInputReader(new GrayBlockReader(image));
        var output = new ArrayBufferWriter<byte>();
        encoder.SetOutput(output);
        encoder.Encode();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Hands the encoder 8x8 blocks of the image, repeating the last row and column past the edge.</summary>
    sealed class GrayBlockReader(GrayImage image) : JpegBlockInputReader
    {
        public override int Width => image.Width;
        public override int Height => image.Height;

        public override void ReadBlock(ref short blockRef, int componentIndex, int x, int y)
        {
            var block = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref blockRef, 64);
            for (int r = 0; r < 8; r++)
            {
                int row = Math.Min(y + r, image.Height - 1) * image.Width;
                for (int c = 0; c < 8; c++) block[r * 8 + c] = (short)image.Pixels[row + Math.Min(x + c, image.Width - 1)];
            }
        }
    }
}
