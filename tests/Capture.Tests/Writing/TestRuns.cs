using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Writing;

/// <summary>Small seeded XA runs for writer tests.</summary>
internal static class TestRuns
{
    /// <summary>The run as the writer writes it (a Part 10 file in memory).</summary>
    public static byte[] Bytes(XaRunToWrite run)
    {
        using var stream = new MemoryStream();
        XaMultiFrameWriter.Write(stream, run);
        return stream.ToArray();
    }

    public static XaRunToWrite Noisy(int seed, int rows = 64, int columns = 48, int frames = 5, int bitsStored = 12, double[]? timesMs = null)
    {
        var random = new Random(seed);
        var max = (1 << bitsStored) - 1;
        var pixels = Enumerable.Range(0, frames)
            .Select(_ => Enumerable.Range(0, rows * columns).Select(_ => (ushort)random.Next(max + 1)).ToArray())
            .ToArray();
        return new XaRunToWrite
        {
            StudyInstanceUid = "2.25.1001",
            SeriesInstanceUid = "2.25.1002",
            SopInstanceUid = "2.25.1003",
            Rows = rows,
            Columns = columns,
            BitsStored = bitsStored,
            Frames = pixels,
            FrameTimesMs = timesMs ?? Enumerable.Range(0, frames).Select(i => i * 1000.0 / 15).ToArray(),
            PositionerPrimaryAngleDeg = -30.5,
            PositionerSecondaryAngleDeg = 12,
            ImagerPixelSpacingMm = 0.2,
            WindowCenter = 2048,
            WindowWidth = 4096,
            SeriesDescription = "phantom run",
        };
    }
}
