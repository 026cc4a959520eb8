using TorchSharp;

namespace OccluNet.Live.Model.Runtime;

/// <summary>What runs the model: TorchSharp (libtorch) or ONNX Runtime on the exported graphs; auto picks (on the CPU by timing both).</summary>
public enum InferenceEngine { Auto, Torch, Onnx }

/// <summary>The engine and device a command settled on, and why (said at start-up, in the status strip and audit file).</summary>
public sealed record EngineChoice(InferenceEngine Engine, DeviceType Device, bool ChosenByAuto)
{
    public static readonly EngineChoice TorchCpu = new(InferenceEngine.Torch, DeviceType.CPU, false);

    public torch.Device TorchDevice => new(Device);

    /// <summary>
    /// One line, e.g. "cpu, ONNX Runtime 1.32.0 (2 threads; auto)"; with the timing auto chose by, e.g. "cpu, TorchSharp
    /// (libtorch 2.10.0.0) (2 threads; auto: 25.2 ms a step; ONNX Runtime 1.32.0: 33.4)".
    /// </summary>
    public string Describe(int threads, string? autoTiming = null) =>
        $"{Device.ToString().ToLowerInvariant()}, {Name(Engine)} ({threads} thread{(threads == 1 ? "" : "s")}{(ChosenByAuto ? "; auto" : "")}{(autoTiming is null ? "" : $": {autoTiming}")})";

    public static string Name(InferenceEngine engine) => engine switch
    {
        InferenceEngine.Onnx => $"ONNX Runtime {OnnxSessions.Version}",
        InferenceEngine.Torch => $"TorchSharp (libtorch {torch.__version__})",
        _ => "the faster of TorchSharp and ONNX Runtime, timed when the model loads",
    };
}

/// <summary>Parses --engine and resolves it with --device against what this build and machine have.</summary>
public static class InferenceEngines
{
    public static InferenceEngine Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => InferenceEngine.Auto,
        "torch" => InferenceEngine.Torch,
        "onnx" => InferenceEngine.Onnx,
        _ => throw new ArgumentException($"--engine must be auto, torch or onnx, not '{text}'."),
    };

    /// <summary>
    /// auto = the faster engine present for the device: on the CPU <see cref="InferenceEngine.Auto"/> stays, and the
    /// checkpoint's loader times both engines (which one wins depends on the host: docs/model.md "auto on the CPU");
    /// on CUDA ONNX Runtime's CUDA provider when this build has it (-p:OnnxBackend=cuda), else TorchSharp's CUDA.
    /// An explicit request that cannot be met is an error that says why.
    /// </summary>
    public static EngineChoice Choose(DeviceRequest device, InferenceEngine engine, bool torchCuda, bool onnxCuda)
    {
        switch (engine)
        {
            case InferenceEngine.Torch:
                return new EngineChoice(InferenceEngine.Torch, TorchRuntime.Resolve(device, torchCuda), false);
            case InferenceEngine.Onnx:
                return Onnx(device, onnxCuda, chosenByAuto: false);
            default:
                if (device != DeviceRequest.Cpu && onnxCuda) return new EngineChoice(InferenceEngine.Onnx, DeviceType.CUDA, true);
                if (device != DeviceRequest.Cpu && torchCuda) return new EngineChoice(InferenceEngine.Torch, DeviceType.CUDA, true);
                if (device == DeviceRequest.Cuda) TorchRuntime.Resolve(device, false);
                return new EngineChoice(InferenceEngine.Auto, DeviceType.CPU, true);
        }
    }

    /// <summary>
    /// For an exported model (the folder `occlunet export` writes; no checkpoint beside it): ONNX Runtime is the only
    /// engine that can run it, on its CUDA provider when asked or (auto) when this build has one. Decided without
    /// libtorch, which a machine that only runs exported models need not have.
    /// </summary>
    public static EngineChoice ChooseForExported(DeviceRequest device, InferenceEngine engine, bool onnxCuda) =>
        engine == InferenceEngine.Torch ? throw new InvalidOperationException(TorchNeedsCheckpoint)
            : Onnx(device, onnxCuda, chosenByAuto: engine == InferenceEngine.Auto);

    /// <summary>The engine a built detector runs on: what auto settled on, once the model is loaded.</summary>
    public static InferenceEngine Of(Domain.IOcclusionDetector detector) =>
        detector is Inference.StreamingOcclusionDetector ? InferenceEngine.Torch : InferenceEngine.Onnx;

    /// <summary>Resolves against this build and machine.</summary>
    public static EngineChoice Choose(DeviceRequest device, InferenceEngine engine) =>
        Choose(device, engine, torch.cuda.is_available(), OnnxSessions.CudaAvailable);

    private static EngineChoice Onnx(DeviceRequest device, bool onnxCuda, bool chosenByAuto)
    {
        if (device == DeviceRequest.Cuda && !onnxCuda) throw new InvalidOperationException(OnnxCudaMissing);
        return new EngineChoice(InferenceEngine.Onnx, device != DeviceRequest.Cpu && onnxCuda ? DeviceType.CUDA : DeviceType.CPU, chosenByAuto);
    }

    public const string TorchNeedsCheckpoint =
        "--engine torch was asked for an exported model (a folder of ONNX graphs); TorchSharp runs checkpoints " +
        "(.safetensors), ONNX Runtime runs exported models (--engine onnx or auto).";

    public const string OnnxCudaMissing =
        "--device cuda --engine onnx was asked for, but this build's ONNX Runtime has no CUDA provider " +
        "(build with -p:OnnxBackend=cuda, which uses Microsoft.ML.OnnxRuntime.Gpu.Linux or .Windows).";
}
