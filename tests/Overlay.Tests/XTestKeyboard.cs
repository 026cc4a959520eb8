using System.Runtime.InteropServices;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>Real key presses into an X display through the XTEST extension (libXtst), for the window tests.</summary>
internal sealed partial class XTestKeyboard : IDisposable
{
    public const ulong Space = 0x20, Right = 0xff53, H = 0x68, Q = 0x71;
    readonly nint display;

    XTestKeyboard(nint display) => this.display = display;

    public static XTestKeyboard OpenOrAssume(string displayName)
    {
        nint display = 0;
        try { display = XOpenDisplay(displayName); }
        catch (DllNotFoundException) { Assume.That(false, "libX11/libXtst not installed (Debian package libxtst6)"); }
        Assume.That(display, Is.Not.EqualTo((nint)0), $"cannot open X display {displayName}");
        return new XTestKeyboard(display);
    }

    public void Press(ulong keysym)
    {
        byte code = XKeysymToKeycode(display, keysym);
        XTestFakeKeyEvent(display, code, 1, 0);
        XTestFakeKeyEvent(display, code, 0, 0);
        XFlush(display);
    }

    /// <summary>Puts the pointer at (x, y) of the screen so that focus (PointerRoot without a window manager) is there.</summary>
    public void MovePointer(int x, int y)
    {
        XTestFakeMotionEvent(display, -1, x, y, 0);
        XFlush(display);
    }

    [LibraryImport("libX11.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint XOpenDisplay(string name);

    [LibraryImport("libX11.so.6")]
    private static partial byte XKeysymToKeycode(nint display, ulong keysym);

    [LibraryImport("libX11.so.6")]
    private static partial int XFlush(nint display);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(nint display);

    [LibraryImport("libXtst.so.6")]
    private static partial int XTestFakeKeyEvent(nint display, uint keycode, int isPress, ulong delay);

    [LibraryImport("libXtst.so.6")]
    private static partial int XTestFakeMotionEvent(nint display, int screen, int x, int y, ulong delay);

    public void Dispose() => XCloseDisplay(display);
}
