using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>
/// What an offline pass over a whole run gives: every frame encoded in order, each window detected once its look-ahead is
/// encoded (the last ones with the frames there are), boxes mapped to image pixels, then <see cref="TrajectoryFinder"/>.
/// Written without any pipeline code.
/// </summary>
internal static class OfflineReference
{
    public static List<FrameDetections> Detect(IOcclusionDetector detector, IInputPreparer preparer, IReadOnlyList<Frame> run, int lookAhead)
    {
        detector.Reset();
        var letterboxes = new Letterbox[run.Count];
        var results = new List<FrameDetections>();
        for (int i = 0; i < run.Count + lookAhead; i++)
        {
            if (i < run.Count)
            {
                var input = new float[preparer.InputSize * preparer.InputSize];
                letterboxes[i] = preparer.Prepare(run[i], input);
                detector.Encode(run[i].Index, input);
            }
            int t = i - lookAhead;
            if (t < 0) continue;
            FrameDetections model = detector.Detect(run[t].Index);
            results.Add(new FrameDetections(model.FrameIndex, model.Detections.Select(d => d with { Box = letterboxes[t].ToImage(d.Box) }).ToArray()));
        }
        return results;
    }

    public static Trajectory? Best(IReadOnlyList<FrameDetections> detections, SeriesInfo series) =>
        TrajectoryFinder.FindBest(detections, PipelineOptions.Lossless.Trajectories.ForImage(series.Columns, series.Rows));
}
