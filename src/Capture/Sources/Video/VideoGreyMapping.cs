namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// The one place where video grey levels meet stored values. A monitor shows 8-bit display values: the stored values
/// after the system's linear window (DICOM VOI: centre C, width W), maybe inverted. The video source maps each display
/// value back to the stored value at the middle of the window's step (a 10-bit value, as the models were trained on),
/// so that the model's own normalisation (<c>InputNormalisation</c>) then sees what it sees on a DICOM run. Values the
/// window clipped stay clipped (the window's ends). <see cref="Display"/> is the forward direction (a modality display,
/// the test video), so both directions are this one rule.
/// </summary>
public sealed record VideoGreyMapping(double WindowCenter, double WindowWidth, bool Inverted = false, int BitsStored = 10)
{
    /// <summary>
    /// The default when the system's window is not known: the full 10-bit range (display value v shows stored 4v+2).
    /// A narrower window on the monitor then reaches the model with more contrast than a DICOM run has.
    /// </summary>
    public static VideoGreyMapping FullRange { get; } = new(512, 1024);

    int MaxStored => (1 << BitsStored) - 1;

    /// <summary>"C,W" or "C,W,inverted" as given on the command line.</summary>
    /// <exception cref="FormatException">Not that form, or a width below 1.</exception>
    public static VideoGreyMapping Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        bool inverted = parts.Length == 3 && parts[2].Equals("inverted", StringComparison.OrdinalIgnoreCase);
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && !inverted)
            || !double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out double c)
            || !double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double w) || w < 1)
            throw new FormatException($"--video-window must be CENTER,WIDTH or CENTER,WIDTH,inverted (stored values of the system's window), not '{text}'");
        return new VideoGreyMapping(c, w, inverted);
    }

    /// <summary>Stored value for each of the 256 display values.</summary>
    public ushort[] ToStoredTable()
    {
        var table = new ushort[256];
        double low = WindowCenter - WindowWidth / 2;
        for (int v = 0; v < 256; v++)
        {
            int shown = Inverted ? 255 - v : v;
            double stored = low + (shown + 0.5) / 256 * WindowWidth;
            table[v] = (ushort)Math.Clamp(Math.Round(stored), 0, MaxStored);
        }
        return table;
    }

    /// <summary>The display value a monitor with this window shows for a stored value.</summary>
    public byte Display(double stored)
    {
        double low = WindowCenter - WindowWidth / 2;
        int shown = (int)Math.Clamp(Math.Floor((stored - low) / WindowWidth * 256), 0, 255);
        return (byte)(Inverted ? 255 - shown : shown);
    }

    public override string ToString() => $"window {WindowCenter:0.#}/{WindowWidth:0.#}{(Inverted ? ", inverted" : "")}";
}
