using System.Buffers.Binary;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// JPEG lossless, process 14 (ITU T.81 Annex H), every selection value 1-7, point transform, restart intervals,
/// interleaved or one scan per component (all sampling factors 1). Written here because JpegLibrary predicts the
/// first line with the wrong neighbour for selection values 2, 3, 6, 7 and overflows 16-bit averages
/// (shared/research/ecosystem-probe.md §5).
/// </summary>
internal static class JpegLosslessDecoder
{
    sealed record Component(int Id, int Index);

    sealed class State
    {
        public int Precision;
        public int Width;
        public int Height;
        public List<Component> Components = [];
        public readonly JpegHuffmanTable?[] Tables = new JpegHuffmanTable?[4];
        public int RestartInterval;
        public ushort[]? Output;
    }

    public static ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw frame.Fail("JPEG data does not start with SOI");
        var state = new State();
        var position = 2;
        while (true)
        {
            var marker = JpegSegments.NextMarker(data, ref position, frame);
            if (marker == 0xD9) break;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
            var length = JpegSegments.ReadSegmentLength(data, position, frame);
            var segment = data.Slice(position + 2, length - 2);
            switch (marker)
            {
                case 0xC3: ReadFrameHeader(segment, state, frame); break;
                case 0xC4: ReadHuffmanTables(segment, state, frame); break;
                case 0xDD: state.RestartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw frame.Fail("short DRI segment"); break;
                case 0xDA:
                    position = DecodeScan(data, position + length, segment, state, frame);
                    continue;
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    throw frame.Fail($"JPEG frame type SOF{marker - 0xC0} is not lossless process 14");
            }
            position += length;
        }
        return state.Output ?? throw frame.Fail("JPEG data holds no scan");
    }

    static void ReadFrameHeader(ReadOnlySpan<byte> s, State state, FrameContext frame)
    {
        if (s.Length < 6) throw frame.Fail("short SOF3 segment");
        state.Precision = s[0];
        state.Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        state.Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        var count = s[5];
        if (state.Precision is < 2 or > 16) throw frame.Fail($"JPEG lossless precision {state.Precision} is not in 2..16");
        if (s.Length < 6 + 3 * count) throw frame.Fail("short SOF3 segment");
        var p = frame.Pixels;
        if (state.Width != p.Columns || state.Height != p.Rows || count != p.SamplesPerPixel)
            throw frame.Fail($"JPEG frame is {state.Width}x{state.Height}x{count}, the pixel module says {p.Columns}x{p.Rows}x{p.SamplesPerPixel}");
        for (var c = 0; c < count; c++)
        {
            if (s[6 + 3 * c + 1] != 0x11) throw frame.Fail("JPEG lossless with subsampled components is not supported");
            state.Components.Add(new Component(s[6 + 3 * c], c));
        }
        state.Output = new ushort[state.Width * state.Height * count];
    }

    static void ReadHuffmanTables(ReadOnlySpan<byte> s, State state, FrameContext frame)
    {
        foreach (var (id, counts, values) in JpegSegments.HuffmanTables(s, frame)) state.Tables[id] = new JpegHuffmanTable(counts, values);
    }

    static int DecodeScan(ReadOnlySpan<byte> data, int start, ReadOnlySpan<byte> header, State state, FrameContext frame)
    {
        if (state.Output is null) throw frame.Fail("JPEG scan before the frame header");
        if (header.Length < 1 || header.Length < 1 + 2 * header[0] + 3) throw frame.Fail("short SOS segment");
        var count = header[0];
        var components = new Component[count];
        var tables = new JpegHuffmanTable[count];
        for (var i = 0; i < count; i++)
        {
            var id = header[1 + 2 * i];
            components[i] = state.Components.Find(c => c.Id == id) ?? throw frame.Fail($"JPEG scan names unknown component {id}");
            var table = header[2 + 2 * i] >> 4;
            if (table > 3) throw frame.Fail($"JPEG scan names Huffman table {table}, not 0..3"); // found by AFL
            tables[i] = state.Tables[table] ?? throw frame.Fail("JPEG scan uses an undefined Huffman table");
        }
        var predictor = header[1 + 2 * count];
        var pointTransform = header[3 + 2 * count] & 0x0F;
        if (predictor is < 1 or > 7) throw frame.Fail($"JPEG lossless selection value {predictor} is not 1..7");
        if (pointTransform >= state.Precision) throw frame.Fail($"JPEG point transform {pointTransform} is not below the precision {state.Precision}");
        var bits = new JpegBitReader(data, start);
        new ScanDecoder(state.Output, state.Width, state.Height, state.Components.Count, state.Precision, predictor, pointTransform, state.RestartInterval)
            .Run(ref bits, components.Select(c => c.Index).ToArray(), tables, frame);
        return bits.Position;
    }

    /// <summary>The prediction loop of one scan (T.81 H.1.2): neighbours Ra (left), Rb (above), Rc (above left).</summary>
    sealed class ScanDecoder(ushort[] output, int width, int height, int stride, int precision, int predictor, int pointTransform, int restartInterval)
    {
        public void Run(ref JpegBitReader bits, int[] components, JpegHuffmanTable[] tables, FrameContext frame)
        {
            if (components.Length == 1 && restartInterval == 0)
            {
                RunSingleComponent(ref bits, components[0], tables[0], frame);
                return;
            }
            var values = new int[components.Length][];
            for (var c = 0; c < components.Length; c++) values[c] = new int[width * height];
            var initial = 1 << (precision - pointTransform - 1);
            var mcusLeft = restartInterval;
            var restartRow = 0;
            var restartSample = true;
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    if (restartInterval > 0 && mcusLeft == 0)
                    {
                        bits.SkipRestartMarker();
                        mcusLeft = restartInterval;
                        restartRow = y;
                        restartSample = true;
                    }
                    for (var c = 0; c < components.Length; c++)
                    {
                        var plane = values[c];
                        var i = y * width + x;
                        var prediction = restartSample ? initial : Predict(plane, i, x, y == restartRow);
                        var diff = DecodeDifference(ref bits, tables[c], frame);
                        plane[i] = (prediction + diff) & 0xFFFF;
                    }
                    restartSample = false;
                    mcusLeft--;
                }
                if (bits.OverrunBits > 64) throw frame.Fail($"JPEG lossless data ends at row {y + 1} of {height}");
            }
            for (var c = 0; c < components.Length; c++) Store(values[c], components[c]);
        }

        /// <summary>The common case (grayscale, no restart intervals) without per-sample checks for either.</summary>
        void RunSingleComponent(ref JpegBitReader bits, int component, JpegHuffmanTable table, FrameContext frame)
        {
            var plane = new int[width * height];
            plane[0] = ((1 << (precision - pointTransform - 1)) + DecodeDifference(ref bits, table, frame)) & 0xFFFF;
            for (var x = 1; x < width; x++) plane[x] = (plane[x - 1] + DecodeDifference(ref bits, table, frame)) & 0xFFFF;
            for (var y = 1; y < height; y++)
            {
                var row = y * width;
                plane[row] = (plane[row - width] + DecodeDifference(ref bits, table, frame)) & 0xFFFF;
                for (var i = row + 1; i < row + width; i++) plane[i] = (PredictInside(plane, i) + DecodeDifference(ref bits, table, frame)) & 0xFFFF;
                if (bits.OverrunBits > 64) throw frame.Fail($"JPEG lossless data ends at row {y + 1} of {height}");
            }
            Store(plane, component);
        }

        int Predict(int[] plane, int i, int x, bool firstLine)
        {
            if (firstLine) return plane[i - 1];
            if (x == 0) return plane[i - width];
            return PredictInside(plane, i);
        }

        /// <summary>Prediction from Ra, Rb, Rc for a sample that has all three (not on the first row or column).</summary>
        int PredictInside(int[] plane, int i)
        {
            int ra = plane[i - 1], rb = plane[i - width], rc = plane[i - width - 1];
            return predictor switch
            {
                1 => ra,
                2 => rb,
                3 => rc,
                4 => ra + rb - rc,
                5 => ra + ((rb - rc) >> 1),
                6 => rb + ((ra - rc) >> 1),
                _ => (ra + rb) >> 1,
            };
        }

        static int DecodeDifference(ref JpegBitReader bits, JpegHuffmanTable table, FrameContext frame)
        {
            var size = table.Decode(ref bits);
            if (size is < 0 or > 16) throw frame.Fail("corrupt JPEG lossless Huffman code");
            if (size == 0) return 0;
            if (size == 16) return 32768;
            var value = bits.ReadBits(size);
            return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
        }

        void Store(int[] plane, int component)
        {
            for (var i = 0; i < plane.Length; i++) output[i * stride + component] = (ushort)(plane[i] << pointTransform);
        }
    }
}
