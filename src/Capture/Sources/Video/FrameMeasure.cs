namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// What <see cref="NewFrameDetector"/> measured on one video frame: the fraction of tiles changed against the previous
/// video frame and against the last image passed on, the share of flat tiles at one grey level (blank from the rule's
/// limit), and whether the change that this frame settled was taken as a codec refresh.
/// </summary>
internal readonly record struct FrameMeasure(TimeSpan VideoTime, double Step, double SinceImage, double Blank, bool Refresh = false);
