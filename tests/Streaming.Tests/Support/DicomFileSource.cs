using System.Runtime.CompilerServices;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>The frames of one DICOM file through the Capture reader, as fast as they decode.</summary>
internal sealed class DicomFileSource(string path) : IFrameSource
{
    public string Name => Path.GetFileName(path);

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DicomRun run = DicomRun.Open(path);
        for (int i = 0; i < run.Pixels.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return run.ReadFrame(i);
        }
        await Task.CompletedTask;
    }
}
