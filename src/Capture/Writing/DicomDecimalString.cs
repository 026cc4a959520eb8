using System.Globalization;

namespace OccluNet.Live.Capture.Writing;

/// <summary>Formats numbers for DS (at most 16 characters) and IS values, culture-invariant.</summary>
internal static class DicomDecimalString
{
    const int MaxLength = 16;

    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"DS value {value} is not finite");
        // Shortest round-trip text first; fewer significant digits only when it does not fit in 16 characters.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 15; text.Length > MaxLength && digits > 0; digits--)
            text = value.ToString("G" + digits, CultureInfo.InvariantCulture);
        return text;
    }

    public static string Join(IEnumerable<double> values) => string.Join('\\', values.Select(Format));
}
