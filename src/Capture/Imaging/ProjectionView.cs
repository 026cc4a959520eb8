using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// AP or lateral from the C-arm's Positioner Primary Angle (LAO+/RAO-): within 45° of frontal (or of PA) is "AP",
/// otherwise "LAT". Without angles, View Position (AP/PA -> AP, LL/RL/LATERAL -> LAT). Null when neither says.
/// </summary>
internal static class ProjectionView
{
    public const string Frontal = "AP";
    public const string Lateral = "LAT";

    public static string? From(DicomDataSet dataSet)
    {
        if (dataSet.GetDecimal(DicomTags.PositionerPrimaryAngle) is { } primary) return FromPrimaryAngle(primary);
        return dataSet.GetString(DicomTags.ViewPosition)?.ToUpperInvariant() switch
        {
            "AP" or "PA" => Frontal,
            "LL" or "RL" or "LATERAL" or "LAT" => Lateral,
            _ => null,
        };
    }

    public static string FromPrimaryAngle(double degrees)
    {
        var a = Math.Abs(((degrees % 360) + 540) % 360 - 180); // 0..180 from frontal
        var fromFrontal = Math.Min(a, 180 - a);
        return fromFrontal < 45 ? Frontal : Lateral;
    }
}
