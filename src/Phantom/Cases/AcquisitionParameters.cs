namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// How the run was acquired and projected (spec 3.7, 1.6): view, frame times, field of view and its centre (head mm),
/// head rotation, AP cranio-caudal tilt, injected side (right ICA shows on the image's left in AP), magnification.
/// </summary>
public sealed record AcquisitionParameters(
    PhantomView View,
    double NominalFps,
    bool VariableRate,
    string Truncation,
    double[] FrameTimesS,
    double FieldOfViewMm,
    double CenterHorizontalMm,
    double CenterVerticalMm,
    double HeadYawDeg,
    double HeadPitchDeg,
    double HeadRollDeg,
    double TiltDeg,
    bool RightSide,
    double SourceImageDistanceMm,
    double SourceObjectDistanceMm)
{
    public double Magnification => SourceImageDistanceMm / SourceObjectDistanceMm;
}
