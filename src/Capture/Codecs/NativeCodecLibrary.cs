using System.Runtime.InteropServices;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>Loads a Debian codec library once; when it is missing, says which package provides it.</summary>
internal sealed class NativeCodecLibrary(string fileName, string debianPackage)
{
    readonly Lazy<IntPtr> handle = new(() => NativeLibrary.TryLoad(fileName, out var handle) ? handle : IntPtr.Zero);

    public string MissingMessage => $"{fileName} is not installed (Debian/Ubuntu package {debianPackage}: sudo apt-get install {debianPackage})";

    public bool IsAvailable => handle.Value != IntPtr.Zero;

    public IntPtr Function(string name, FrameContext frame)
    {
        if (!IsAvailable) throw frame.Fail(MissingMessage);
        return NativeLibrary.TryGetExport(handle.Value, name, out var address) ? address : throw frame.Fail($"{fileName} has no function {name}");
    }
}
