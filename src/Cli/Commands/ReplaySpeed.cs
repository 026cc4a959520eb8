using System.Globalization;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The <c>--speed</c> of a replay: "1" (native timing), any positive factor, or "max" (as fast as the pipeline takes frames).</summary>
internal static class ReplaySpeed
{
    /// <summary>The factor, or null for max.</summary>
    /// <exception cref="ArgumentException">Neither "max" nor a positive number.</exception>
    public static double? Parse(string text)
    {
        if (string.Equals(text.Trim(), "max", StringComparison.OrdinalIgnoreCase)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && double.IsFinite(factor))
            return factor;
        throw new ArgumentException($"--speed must be max or a positive number such as 1 or 2.5, not '{text}'");
    }
}
