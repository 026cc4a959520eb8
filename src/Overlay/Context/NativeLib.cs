using System.Runtime.InteropServices;

namespace OccluNet.Live.Overlay.Context;

/// <summary>A system library loaded by name, whose failure to load says which Debian packages provide it.</summary>
internal sealed class NativeLib
{
    readonly nint handle;

    NativeLib(string name, nint handle) { Name = name; this.handle = handle; }

    public string Name { get; }

    public static NativeLib Load(string name, string debianPackages)
    {
        try
        {
            return new NativeLib(name, NativeLibrary.Load(name));
        }
        catch (DllNotFoundException e)
        {
            throw new OverlayContextException(
                $"{name} could not be loaded ({e.Message.Split('\n')[0]}); install the Debian package(s) {debianPackages} (scripts/setup-debian.sh does)", e);
        }
    }

    public nint Export(string symbol) =>
        NativeLibrary.TryGetExport(handle, symbol, out var address)
            ? address
            : throw new OverlayContextException($"{Name} has no symbol {symbol}: the library is too old");
}
