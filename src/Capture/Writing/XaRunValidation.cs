namespace OccluNet.Live.Capture.Writing;

/// <summary>Refuses a run the writer cannot write correctly, before a byte is written.</summary>
internal static class XaRunValidation
{
    public static void Check(XaRunToWrite run)
    {
        if (run.Rows is < 1 or > ushort.MaxValue || run.Columns is < 1 or > ushort.MaxValue)
            throw new ArgumentException($"XA run: {run.Rows}x{run.Columns} is not a valid image size (1..65535)");
        if (run.BitsStored is < 1 or > 16) throw new ArgumentException($"XA run: BitsStored {run.BitsStored} is not in 1..16");
        if (run.Frames.Count == 0) throw new ArgumentException("XA run: no frames");
        if (run.FrameTimesMs.Count != run.Frames.Count)
            throw new ArgumentException($"XA run: {run.FrameTimesMs.Count} frame times for {run.Frames.Count} frames");
        if (2L * run.Rows * run.Columns * run.Frames.Count > uint.MaxValue - 1)
            throw new ArgumentException("XA run: pixel data exceeds the 4 GiB a DICOM element can hold");
        CheckUid("StudyInstanceUid", run.StudyInstanceUid);
        CheckUid("SeriesInstanceUid", run.SeriesInstanceUid);
        CheckUid("SopInstanceUid", run.SopInstanceUid);
        CheckTimes(run.FrameTimesMs);
        CheckFrames(run);
    }

    static void CheckUid(string name, string uid)
    {
        var valid = uid.Length is > 0 and <= 64 && uid.All(c => c is '.' or (>= '0' and <= '9')) && !uid.StartsWith('.') && !uid.EndsWith('.');
        if (!valid) throw new ArgumentException($"XA run: {name} '{uid}' is not a valid DICOM UID (digits and dots, at most 64)");
    }

    static void CheckTimes(IReadOnlyList<double> times)
    {
        for (var i = 0; i < times.Count; i++)
        {
            if (!double.IsFinite(times[i]) || times[i] < 0) throw new ArgumentException($"XA run: frame time {i} ({times[i]}) is not a finite time >= 0");
            if (i > 0 && times[i] < times[i - 1]) throw new ArgumentException($"XA run: frame time {i} goes back in time");
        }
    }

    static void CheckFrames(XaRunToWrite run)
    {
        var maxValue = (1 << run.BitsStored) - 1;
        for (var f = 0; f < run.Frames.Count; f++)
        {
            var frame = run.Frames[f];
            if (frame.Length != run.Rows * run.Columns)
                throw new ArgumentException($"XA run: frame {f} has {frame.Length} values, expected {run.Rows}x{run.Columns}");
            var max = MaxOf(frame);
            if (max > maxValue) throw new ArgumentException($"XA run: frame {f} holds {max}, more than BitsStored {run.BitsStored} allows");
        }
    }

    static ushort MaxOf(ushort[] values)
    {
        ushort max = 0;
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}
