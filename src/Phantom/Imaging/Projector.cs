using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Parallel projection (phantom 1) or perspective projection (phantom 2: a point at depth z beyond the isocentre, toward
/// the detector, is drawn at SOD / (SOD + z) of its isocentre scale; detector anterior in AP, on the injected side in
/// lateral) of head coordinates onto the image (pixels, x right, y down) for one view, after the case's
/// head rotation and AP tilt. AP: the injected hemisphere of a right ICA shows on the image's left (radiological
/// convention); lateral: anterior to the left. Both views come from the same 3D tree, so they agree (spec 1.2).
/// </summary>
internal sealed class Projector
{
    readonly AcquisitionParameters acq;
    readonly Vec3 rowX, rowY, rowZ; // rotation matrix rows
    readonly double centerU, centerV;
    readonly bool perspective;

    public Projector(AcquisitionParameters acquisition, int width, int height, bool perspective = false)
    {
        acq = acquisition;
        this.perspective = perspective;
        Width = width;
        Height = height;
        PixelMm = acquisition.FieldOfViewMm / Math.Max(width, height);
        (rowX, rowY, rowZ) = Rotation(acquisition);
        var center = acquisition.View == PhantomView.Ap
            ? new Vec3(acquisition.CenterHorizontalMm, 0, acquisition.CenterVerticalMm)
            : new Vec3(0, acquisition.CenterHorizontalMm, acquisition.CenterVerticalMm);
        (centerU, centerV) = PlaneMm(center, rotate: false);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Millimetres per pixel at the isocentre (patient plane).</summary>
    public double PixelMm { get; }

    /// <summary>Pixel position of a head point (x right, y down, pixel centres at +0.5).</summary>
    public (double X, double Y) Project(Vec3 p)
    {
        var (u, v) = PlaneMm(p, rotate: true);
        if (!perspective) return (Width / 2.0 + (u - centerU) / PixelMm, Height / 2.0 + (v - centerV) / PixelMm);
        double f = ScaleAt(p);
        return (Width / 2.0 + (u - centerU) * f / PixelMm, Height / 2.0 + (v - centerV) * f / PixelMm);
    }

    /// <summary>Image scale of a head point relative to the isocentre: 1 in parallel projection.</summary>
    public double ScaleAt(Vec3 p)
    {
        if (!perspective) return 1;
        double depth = acq.View == PhantomView.Ap ? rowY.Dot(p) : (acq.RightSide ? 1 : -1) * rowX.Dot(p);
        return acq.SourceObjectDistanceMm / (acq.SourceObjectDistanceMm + depth);
    }

    /// <summary>Head point (unrotated, depth 0) under a pixel: for the background, which needs no rotation.</summary>
    public (double A, double Z) HeadPlaneAt(double px, double py)
    {
        double u = centerU + (px - Width / 2.0) * PixelMm, v = centerV + (py - Height / 2.0) * PixelMm;
        double a = acq.View == PhantomView.Ap ? (acq.RightSide ? -u : u) : -u;
        return (a, -v);
    }

    (double U, double V) PlaneMm(Vec3 p, bool rotate)
    {
        var q = rotate ? new Vec3(rowX.Dot(p), rowY.Dot(p), rowZ.Dot(p)) : p;
        double u = acq.View == PhantomView.Ap ? (acq.RightSide ? -q.X : q.X) : -q.Y;
        return (u, -q.Z);
    }

    static (Vec3, Vec3, Vec3) Rotation(AcquisitionParameters a)
    {
        double d = Math.PI / 180;
        var x = new Vec3(1, 0, 0);
        var y = new Vec3(0, 1, 0);
        var z = new Vec3(0, 0, 1);
        Vec3 R(Vec3 v) => v.Rotate(new Vec3(0, 0, 1), a.HeadYawDeg * d)
            .Rotate(new Vec3(1, 0, 0), (a.HeadPitchDeg + a.TiltDeg) * d)
            .Rotate(new Vec3(0, 1, 0), a.HeadRollDeg * d);
        // rows of the matrix whose columns are the rotated basis vectors
        var cx = R(x);
        var cy = R(y);
        var cz = R(z);
        return (new Vec3(cx.X, cy.X, cz.X), new Vec3(cx.Y, cy.Y, cz.Y), new Vec3(cx.Z, cy.Z, cz.Z));
    }
}
