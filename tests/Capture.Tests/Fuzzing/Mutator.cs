using System.Buffers.Binary;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>Seeded structure-blind mutations of a DICOM file: bit flips, interesting values in length fields, cuts, splices.</summary>
internal sealed class Mutator(int seed)
{
    readonly Random random = new(seed);
    static readonly uint[] Interesting = [0, 1, 2, 7, 8, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFE, 0xE000FFFE, 0xE00DFFFE, 0xE0DDFFFE];

    public byte[] Mutate(byte[] original)
    {
        var bytes = (byte[])original.Clone();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count && bytes.Length > 8; i++) bytes = MutateOnce(bytes);
        return bytes;
    }

    byte[] MutateOnce(byte[] bytes)
    {
        // Bias positions to the header, where lengths and the pixel module live.
        var position = random.Next(3) == 0 ? random.Next(bytes.Length) : random.Next(Math.Min(bytes.Length, 1200));
        switch (random.Next(7))
        {
            case 0:
                bytes[position] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                bytes[position] = (byte)random.Next(256);
                return bytes;
            case 2 when position + 4 <= bytes.Length:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(position), Interesting[random.Next(Interesting.Length)]);
                return bytes;
            case 3 when position + 2 <= bytes.Length:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(position), (ushort)Interesting[random.Next(Interesting.Length)]);
                return bytes;
            case 4:
                return bytes[..Math.Max(1, position)];
            case 5:
                var length = random.Next(1, 64);
                var from = random.Next(bytes.Length);
                var chunk = bytes.AsSpan(from, Math.Min(length, bytes.Length - from)).ToArray();
                return [.. bytes[..position], .. chunk, .. bytes[position..]];
            default:
                var cut = Math.Min(random.Next(1, 64), bytes.Length - position);
                return [.. bytes[..position], .. bytes[(position + cut)..]];
        }
    }
}
