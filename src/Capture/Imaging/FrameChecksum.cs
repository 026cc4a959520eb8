using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// The oracle's per-frame summary (tests/data/dicom-samples/README.md): SHA-256 of the stored values little-endian,
/// 1 byte per sample for BitsAllocated 8 and 2 for 16 (two's complement where signed), colour interleaved; min, max,
/// mean of the stored values.
/// </summary>
public sealed record FrameChecksum(int Frame, int Columns, int Rows, int SamplesPerPixel, string Sha256, int Min, int Max, double Mean)
{
    public const string TsvHeader = "frame\tcolumns\trows\tsamples_per_pixel\tsha256_le_stored_values\tmin\tmax\tmean";

    public static FrameChecksum Of(StoredFrame frame)
    {
        var p = frame.Pixels;
        var width = p.BitsAllocated / 8;
        var bytes = new byte[frame.Samples.Length * width];
        long sum = 0;
        int min = int.MaxValue, max = int.MinValue;
        for (var i = 0; i < frame.Samples.Length; i++)
        {
            var v = frame.ValueAt(i);
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            if (width == 1) bytes[i] = unchecked((byte)v);
            else BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), unchecked((short)v));
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new FrameChecksum(frame.Index + 1, p.Columns, p.Rows, p.SamplesPerPixel, hash, min, max, (double)sum / frame.Samples.Length);
    }

    public string ToTsv() =>
        string.Join('\t', Frame, Columns, Rows, SamplesPerPixel, Sha256, Min, Max, Mean.ToString("F6", CultureInfo.InvariantCulture));
}
