using System.Runtime.InteropServices;

namespace OccluNet.Live.Model.Runtime;

/// <summary>
/// Turns libtorch's NNPACK convolution path off. On CPUs it does not support, libtorch 2.10 tries it on every
/// multi-threaded convolution and logs "Could not initialize NNPACK! Reason: Unsupported hardware." each time (thousands
/// of lines per benchmark); where NNPACK would work it is only chosen for batches of 16 or more, which a streaming step
/// never has. TorchSharp does not expose the switch, so this calls at::globalContext().setUserEnabledNNPACK(false)
/// in libtorch_cpu (Linux symbol names; elsewhere nothing is done).
/// </summary>
internal static class Nnpack
{
    const string LibTorch = "libtorch_cpu.so";

    [DllImport(LibTorch, EntryPoint = "_ZN2at13globalContextEv")]
    static extern IntPtr GlobalContext();

    [DllImport(LibTorch, EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport(LibTorch, EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    static extern bool UserEnabledNnpack(IntPtr context);

    /// <summary>Off, when libtorch is loaded from this build's libtorch_cpu.so; returns whether NNPACK is now off.</summary>
    public static bool TurnOff()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            IntPtr context = GlobalContext();
            SetUserEnabledNnpack(context, false);
            return !UserEnabledNnpack(context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // another libtorch build: its warnings stay, nothing else changes
        }
    }
}
