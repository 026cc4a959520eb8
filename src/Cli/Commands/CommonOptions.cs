using System.CommandLine;

namespace OccluNet.Live.Cli.Commands;

/// <summary>Options that several commands share, spelled once.</summary>
internal static class CommonOptions
{
    /// <summary>Global (every sub-command): no progress display on stderr; results, errors and files are unchanged.</summary>
    public static Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Show no progress (results, errors and written files are unchanged).",
        Recursive = true,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "Where the model runs: auto (CUDA when available), cpu, or cuda.",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string> Engine() => new("--engine")
    {
        Description = "What runs the model: auto (the fastest present for the device: on the CPU both are timed when the model loads), torch (TorchSharp), or onnx (ONNX Runtime on the exported graphs).",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>
    /// Torch threads of the offline commands (train, eval, calibrate, drill): 2, the machine this was built on. The
    /// pipeline commands keep a core free for the source and display instead (<see cref="StreamingCommandOptions.Threads"/>).
    /// </summary>
    public static Option<int> TorchThreads() => new("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 };

    /// <summary>The engine and device the two options name, against this build and machine; torch threads set first (ONNX Runtime uses the same count).</summary>
    /// <exception cref="ArgumentException">An unknown value.</exception>
    /// <exception cref="InvalidOperationException">A request this build or machine cannot meet, said plainly.</exception>
    /// <param name="unlessGiven">The engine to run when --engine is not given (on the command line or in site settings), e.g. a resumed drill session's.</param>
    public static Model.Runtime.EngineChoice ChooseEngine(ParseResult parse, Option<string> device, Option<string> engine, int threads,
        Model.Runtime.InferenceEngine? unlessGiven = null)
    {
        Model.Runtime.TorchRuntime.UseThreads(threads);
        var (request, asked) = Requested(parse, device, engine);
        if (unlessGiven is { } recorded && parse.GetResult(engine) is not { Implicit: false }) asked = recorded;
        return Model.Runtime.InferenceEngines.Choose(request, asked);
    }

    /// <summary>As <see cref="ChooseEngine"/> for an exported model: ONNX Runtime only, and libtorch never loaded.</summary>
    public static Model.Runtime.EngineChoice ChooseExportedEngine(ParseResult parse, Option<string> device, Option<string> engine)
    {
        var (request, asked) = Requested(parse, device, engine);
        return Model.Runtime.InferenceEngines.ChooseForExported(request, asked, Model.Runtime.OnnxSessions.CudaAvailable);
    }

    private static (Model.Runtime.DeviceRequest Device, Model.Runtime.InferenceEngine Engine) Requested(ParseResult parse, Option<string> device, Option<string> engine) =>
        (Model.Runtime.TorchRuntime.ParseRequest(parse.GetValue(device)!), Model.Runtime.InferenceEngines.Parse(parse.GetValue(engine)!));
}
