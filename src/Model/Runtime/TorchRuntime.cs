using TorchSharp;

namespace OccluNet.Live.Model.Runtime;

/// <summary>The device a command asked for: auto (CUDA when available), cpu, or cuda.</summary>
public enum DeviceRequest { Auto, Cpu, Cuda }

/// <summary>Chooses the torch device and thread count once, at start-up, and says what it chose.</summary>
public static class TorchRuntime
{
    public static DeviceRequest ParseRequest(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => DeviceRequest.Auto,
        "cpu" => DeviceRequest.Cpu,
        "cuda" => DeviceRequest.Cuda,
        _ => throw new ArgumentException($"--device must be auto, cpu or cuda, not '{text}'."),
    };

    /// <summary>
    /// Resolves the request against this machine. An explicit cuda without CUDA is an error that says why,
    /// never a silent fall-back to the CPU.
    /// </summary>
    public static DeviceType Resolve(DeviceRequest request, bool cudaAvailable)
    {
        return request switch
        {
            DeviceRequest.Cpu => DeviceType.CPU,
            DeviceRequest.Auto => cudaAvailable ? DeviceType.CUDA : DeviceType.CPU,
            DeviceRequest.Cuda when cudaAvailable => DeviceType.CUDA,
            _ => throw new InvalidOperationException(
                "--device cuda was asked for, but CUDA is not available: this build uses TorchSharp's CPU backend " +
                "(build with -p:TorchBackend=cuda-linux or cuda-windows) or no CUDA driver was found."),
        };
    }

    /// <summary>
    /// The one place that configures libtorch for a command: its intra-op thread count, NNPACK off (see
    /// <see cref="Nnpack"/>: only noise on these CPUs, never used for batch-1 streaming), and freed activations kept
    /// for reuse (see <see cref="NativeHeap"/>: fresh mappings for every large buffer cost more than the arithmetic).
    /// </summary>
    public static void UseThreads(int threads)
    {
        torch.set_num_threads(threads);
        Nnpack.TurnOff();
        NativeHeap.KeepLargeBlocks();
    }

    public static torch.Device Resolve(DeviceRequest request) => new(Resolve(request, torch.cuda.is_available()));

    /// <summary>One line for logs and the status strip, e.g. "cpu (2 threads), libtorch 2.10.0".</summary>
    public static string Describe(torch.Device device) =>
        $"{device.type.ToString().ToLowerInvariant()} ({torch.get_num_threads()} threads), libtorch {torch.__version__}";
}
