using System.Runtime.CompilerServices;
using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Phantom;

/// <summary>
/// Plays a generated run as a live frame source at its acquisition timing (frame times from the run, divided by
/// <paramref name="speed"/>; speed 0 or less = as fast as the consumer reads). The last frame ends the run.
/// </summary>
internal sealed class PhantomFrameSource(PhantomRun run, double speed = 1.0, TimeProvider? clock = null) : IFrameSource
{
    readonly TimeProvider time = clock ?? TimeProvider.System;

    public string Name => $"phantom:{run.RunId}";

    public SeriesInfo Series { get; } = new(
        SeriesInstanceUid: PhantomUids.Series(run.GroundTruth.Seed, run.GroundTruth.View),
        StudyInstanceUid: PhantomUids.Study(run.GroundTruth.Seed),
        Modality: "XA", Rows: run.Height, Columns: run.Width, BitsStored: run.BitsStored, IsMonochrome1: false,
        PixelSpacingMm: run.PixelSpacingMm, View: run.Truth.View, WindowCenter: null, WindowWidth: null,
        SourceName: $"phantom:{run.RunId}");

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pacer = speed > 0 ? new ReplayPacer(speed, time) : null;
        for (int i = 0; i < run.Frames.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = TimeSpan.FromMilliseconds(run.FrameTimesMs[i]);
            if (pacer is not null) await pacer.WaitForAsync(due, cancellationToken).ConfigureAwait(false);
            yield return new Frame(Series, i, due, (ushort[])run.Frames[i].Clone(), EndsRun: i == run.Frames.Length - 1);
        }
    }
}
