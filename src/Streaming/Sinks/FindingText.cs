using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Sinks;

/// <summary>
/// How a run's finding (its best trajectory) is written in text, one way everywhere (console, replay summary), so that
/// the lines and the overlay's label name the same box, class, confidence and frames.
/// </summary>
public static class FindingText
{
    /// <summary>"M1, box (201,180)-(229,207) px, confidence 0.87 at frame 6, trajectory frames 4-8".</summary>
    public static string Describe(Trajectory finding, ClassSet classes)
    {
        Box box = finding.RepresentativeBox;
        return string.Create(CultureInfo.InvariantCulture,
            $"{classes.NameOf(finding.ClassId)}, box ({box.X1:0},{box.Y1:0})-({box.X2:0},{box.Y2:0}) px, confidence {finding.Peak.Detection.Score:0.00} at frame {finding.Peak.FrameIndex}, trajectory frames {finding.FirstFrame}-{finding.LastFrame}");
    }
}
