using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// Where the C-arm stood for a run, as its file said: the positioner angles (0018,1510/1511) and View Position
/// (0018,5101). Carried so that a recording of the run says it too (the view decides which anatomy the model expects).
/// </summary>
public sealed record Positioner(double? PrimaryAngleDeg, double? SecondaryAngleDeg, string? ViewPosition)
{
    /// <summary>Null when the file gives none of the three.</summary>
    public static Positioner? From(DicomDataSet d)
    {
        var positioner = new Positioner(d.GetDecimal(DicomTags.PositionerPrimaryAngle), d.GetDecimal(DicomTags.PositionerSecondaryAngle),
            d.GetString(DicomTags.ViewPosition) is { Length: > 0 } view ? view : null);
        return positioner is { PrimaryAngleDeg: null, SecondaryAngleDeg: null, ViewPosition: null } ? null : positioner;
    }
}
