using Microsoft.ML.OnnxRuntime;

namespace OccluNet.Live.Model.Runtime;

/// <summary>
/// The one place that configures ONNX Runtime sessions: the ONNX engine and the benchmark's bare ONNX Runtime use the
/// same options, so a difference between them is the engine's own overhead.
/// </summary>
public static class OnnxSessions
{
    public const string CudaProvider = "CUDAExecutionProvider";

    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>True when this build's ONNX Runtime carries the CUDA provider (a GPU package, -p:OnnxBackend=cuda).</summary>
    public static bool CudaAvailable => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider);

    /// <param name="threads">Intra-op threads (the command's --threads, as for TorchSharp); one inter-op thread.</param>
    /// <param name="tf32">CUDA only: let convolutions and matrix products use TF32 (10-bit mantissa) on Ampere and later.
    /// Off by default: the engine's outputs then match TorchSharp's float32 within the parity tolerance (docs/model.md).</param>
    public static SessionOptions Options(int threads, bool cuda, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL, bool tf32 = false)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = level,
        };
        // Workers sleep between runs instead of spinning: the engine runs two sessions per step (encoder, head), each
        // with its own pool, and shares the cores with capture and drawing; a spinning pool took the core from the next
        // session (at 2 threads on 2 loaded cores the step took twice as long; docs/model.md "Engine numbers with the thread-pool fix").
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (!cuda) return options;
        try
        {
            using var provider = new OrtCUDAProviderOptions();
            provider.UpdateOptions(new Dictionary<string, string> { ["device_id"] = "0", ["use_tf32"] = tf32 ? "1" : "0" });
            options.AppendExecutionProvider_CUDA(provider);
            return options;
        }
        catch (OnnxRuntimeException e)
        {
            options.Dispose();
            throw new InvalidOperationException($"ONNX Runtime's CUDA provider could not start ({e.Message.Trim()}): no CUDA device or driver, or a CPU-only build (-p:OnnxBackend=cuda).", e);
        }
    }

    /// <summary>A session over an in-memory graph; a graph ONNX Runtime refuses is reported as bad data.</summary>
    public static InferenceSession Open(byte[] model, string what, SessionOptions options)
    {
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{what}: ONNX Runtime refused the graph ({e.Message.Trim()}).", e);
        }
    }
}
