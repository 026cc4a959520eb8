using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// DSA subtraction of a native run as its Mask Subtraction Sequence asks (AVG_SUB, PS3.3 Mask module), done by the reader
/// so that the pipeline, the overlay and the models only ever see subtracted frames. Per pixel the iodine image is
/// d = log I(mask) − log I(frame) in natural log units: LIN data takes logs of the stored values; LOG data (and DISP or
/// none, which are treated as LOG) is linear in log intensity, its full stored range spanning
/// <see cref="LogUnitsPerFullScale"/>. d is stored as a subtracted frame is (MONOCHROME2, the background at
/// <see cref="Background"/> of full scale, darker by <see cref="Gain"/> of full scale per log unit). Every frame is
/// delivered subtracted, so the models never see a native one: a frame outside every applicable range (the mask frame
/// itself) is subtracted with the first item's mask, which turns the mask frame blank, as a subtracted run begins.
/// </summary>
internal sealed class MaskSubtraction
{
    /// <summary>
    /// Log units the full stored range of LOG data spans. No vendor records it; 5 is the phantom's (air to its
    /// thickest background plus a large artery, median over phantom-2 native runs), so a native phantom run and the same
    /// run stored subtracted show an artery at about the same depth. Another system's runs may need another value.
    /// </summary>
    public const double LogUnitsPerFullScale = 5.0;

    /// <summary>Subtracted background, fraction of full scale: the middle of the phantom's drawn display (0.55–0.8), what the models learned on.</summary>
    public const double Background = 0.675;

    /// <summary>Darkening per log unit of iodine, fraction of full scale: the phantom's median display takes a 0.8-unit artery to 0.15.</summary>
    public const double Gain = (Background - 0.15) / 0.8;

    readonly PixelDescription pixels;
    readonly Func<int, StoredFrame> decode;
    readonly Item[] items;
    readonly Lazy<float[]>[] maskLogs;
    readonly bool linear;
    readonly bool higherIsBrighter;

    MaskSubtraction(PixelDescription pixels, Func<int, StoredFrame> decode, Item[] items, bool linear, bool higherIsBrighter)
    {
        this.pixels = pixels;
        this.decode = decode;
        this.items = items;
        maskLogs = items.Select(item => new Lazy<float[]>(() => MaskLog(item))).ToArray();
        this.linear = linear;
        this.higherIsBrighter = higherIsBrighter;
    }

    /// <summary>One item of the sequence: its mask frames (0-based), the frames it applies to (0-based, inclusive), the mask's shift.</summary>
    sealed record Item(int[] MaskFrames, (int First, int Last)[] Ranges, float ShiftRows, float ShiftColumns)
    {
        public bool Applies(int frame) => Ranges.Any(r => frame >= r.First && frame <= r.Last);
    }

    /// <summary>
    /// The subtraction the file asks for, or null when it asks for none: no Mask Subtraction Sequence (a run stored
    /// subtracted, or native without one) or only items with Mask Operation NONE.
    /// </summary>
    /// <exception cref="DicomFileException">The sequence asks for an operation this reader does not do, or names frames the file does not have.</exception>
    public static MaskSubtraction? From(DicomDataSet d, PixelDescription pixels, string fileName, Func<int, StoredFrame> decode)
    {
        if (d.Find(DicomTags.MaskSubtractionSequence) is not { Items.Count: > 0 } sequence) return null;
        if (!pixels.IsGrayscale) return null;
        var at = sequence.Offset;
        DicomFileException Fail(DicomTag tag, string reason) => new(fileName, at, tag, $"Mask Subtraction Sequence: {reason}");
        int frames = pixels.NumberOfFrames;
        var items = new List<Item>();
        foreach (var item in sequence.Items)
        {
            var operation = item.GetString(DicomTags.MaskOperation);
            if (operation == "NONE") continue; // "no subtraction" (a cardiac cine among the samples writes it, with mask frame 0)
            if (operation != "AVG_SUB")
                throw Fail(DicomTags.MaskOperation, $"mask operation {operation ?? "(none)"} is not supported (AVG_SUB only); the run is not analysed");
            var masks = item.GetUInt16s(DicomTags.MaskFrameNumbers).Select(n => n - 1).ToArray();
            if (masks.Length == 0) throw Fail(DicomTags.MaskFrameNumbers, "an AVG_SUB item names no mask frame");
            if (masks.FirstOrDefault(m => m < 0 || m >= frames, int.MinValue) is var outside && outside != int.MinValue)
                throw Fail(DicomTags.MaskFrameNumbers, $"mask frame {outside + 1} is not one of the run's {frames} frames");
            var bounds = item.GetUInt16s(DicomTags.ApplicableFrameRange);
            if (bounds.Length % 2 != 0 || bounds.Any(b => b < 1 || b > frames))
                throw Fail(DicomTags.ApplicableFrameRange, $"applicable frame range {string.Join('\\', bounds)} is not pairs of frame numbers 1..{frames}");
            var ranges = bounds.Length == 0
                ? [(0, frames - 1)]
                : Enumerable.Range(0, bounds.Length / 2).Select(i => (bounds[2 * i] - 1, bounds[2 * i + 1] - 1)).ToArray();
            var shift = item.GetFloat32s(DicomTags.MaskSubPixelShift);
            var (rows, columns) = shift is [var r, var c] && float.IsFinite(r) && float.IsFinite(c) ? (r, c) : (0f, 0f);
            items.Add(new Item(masks, ranges, rows, columns));
        }
        if (items.Count == 0) return null;
        var relationship = d.GetString(DicomTags.PixelIntensityRelationship);
        var sign = d.GetUInt16(DicomTags.PixelIntensityRelationshipSign) is { } s ? (short)s : (short)(pixels.IsMonochrome1 ? -1 : 1);
        return new MaskSubtraction(pixels, decode, items.ToArray(), relationship == "LIN", sign >= 0);
    }

    /// <summary>Describes the subtraction for the log: which frames are masks and how values are read.</summary>
    public override string ToString() =>
        $"AVG_SUB, mask frame(s) {string.Join(", ", items.SelectMany(i => i.MaskFrames).Distinct().Select(m => m + 1))}, {(linear ? "LIN: logs of stored values" : $"LOG: full range = {LogUnitsPerFullScale} log units")}";

    /// <summary>Frame <paramref name="live"/> subtracted and stored as a subtracted frame (unsigned, BitsStored bits).</summary>
    public ushort[] Apply(StoredFrame live)
    {
        var applies = Array.FindIndex(items, i => i.Applies(live.Index));
        var mask = maskLogs[Math.Max(applies, 0)].Value;
        var full = (1 << pixels.BitsStored) - 1;
        var result = new ushort[mask.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var d = mask[i] - LogIntensity(live.ValueAt(i) - MinValue);
            result[i] = (ushort)Math.Round(full * Math.Clamp(Background - Gain * d, 0, 1));
        }
        return result;
    }

    int MinValue => pixels.IsSigned ? -(1 << (pixels.BitsStored - 1)) : 0;

    /// <summary>log I of a stored value counted from the bottom of the stored range (0 .. 2^BitsStored − 1).</summary>
    double LogIntensity(double value)
    {
        var full = (1 << pixels.BitsStored) - 1;
        var brightness = higherIsBrighter ? value : full - value;
        return linear ? Math.Log(Math.Max(brightness, 1)) : brightness / full * LogUnitsPerFullScale;
    }

    /// <summary>The item's mask frames averaged (AVG_SUB), shifted by its sub-pixel shift, as log I; decoded once.</summary>
    float[] MaskLog(Item item)
    {
        var n = (int)pixels.SamplesPerFrame;
        var sum = new double[n];
        foreach (var m in item.MaskFrames)
        {
            var frame = decode(m);
            for (var i = 0; i < n; i++) sum[i] += frame.ValueAt(i) - MinValue;
        }
        var mean = sum.Select(v => v / item.MaskFrames.Length).ToArray();
        if (item.ShiftRows != 0 || item.ShiftColumns != 0) mean = Shift(mean, pixels.Rows, pixels.Columns, item.ShiftRows, item.ShiftColumns);
        return mean.Select(v => (float)LogIntensity(v)).ToArray();
    }

    /// <summary>
    /// The mask moved by (rows, columns) before subtraction, bilinear, edges repeated: the content at (y, x) comes from
    /// (y − rows, x − columns), so positive values move the mask down and to the right (our reading of "the shift applied
    /// to the mask"; the standard gives no picture).
    /// </summary>
    static double[] Shift(double[] image, int height, int width, double rows, double columns)
    {
        var result = new double[image.Length];
        double At(int y, int x) => image[Math.Clamp(y, 0, height - 1) * width + Math.Clamp(x, 0, width - 1)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double sy = y - rows, sx = x - columns;
                int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
                double fy = sy - y0, fx = sx - x0;
                result[y * width + x] = (At(y0, x0) * (1 - fx) + At(y0, x0 + 1) * fx) * (1 - fy) + (At(y0 + 1, x0) * (1 - fx) + At(y0 + 1, x0 + 1) * fx) * fy;
            }
        return result;
    }
}
