using OccluNet.Live.Streaming.Pipeline;
using TorchSharp;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// One reading of the soak: frames so far, resident memory and TorchSharp's live tensor count (null when ONNX Runtime
/// runs the model: the count would stay put however ONNX Runtime's memory behaved).
/// </summary>
public sealed record SoakSample(long Frames, double RssMb, long? LiveTensors, double ElapsedSeconds);

/// <summary>
/// Samples memory every <paramref name="every"/> frames (after a full GC, so that finalizer-owned tensors do not count as
/// leaks) and asks the run to stop after <paramref name="frames"/> frames. Tensors are counted only when
/// <paramref name="countTensors"/> (TorchSharp runs the model).
/// </summary>
internal sealed class SoakProbe(long frames, int every, CancellationTokenSource stop, bool countTensors) : IPipelineSink
{
    long received;
    TimeSpan? start;

    public List<SoakSample> Samples { get; } = new();

    public void Handle(PipelineEvent pipelineEvent)
    {
        if (pipelineEvent is not FrameReceived received) return;
        start ??= received.Frame.Arrival;
        this.received++;
        if (this.received % every == 0) Sample(received.Frame.Arrival);
        if (this.received >= frames && !stop.IsCancellationRequested) stop.Cancel();
    }

    public void Complete(PipelineSummary summary) { }

    void Sample(TimeSpan at)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Samples.Add(new SoakSample(received, ResidentMegabytes(), countTensors ? torch.Tensor.TotalCount : null, (at - start!.Value).TotalSeconds));
    }

    /// <summary>VmRSS from /proc/self/status (Linux), else the working set.</summary>
    static double ResidentMegabytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
            foreach (string line in File.ReadLines(path))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return Environment.WorkingSet / (1024.0 * 1024.0);
    }
}
