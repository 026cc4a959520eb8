using System.Runtime.InteropServices;

namespace OccluNet.Live.Cli.Tests;

/// <summary>Real mouse clicks (XTEST) and window geometry (Xlib) on an X display, for the drill window test.</summary>
internal sealed unsafe partial class XTestPointer : IDisposable
{
    readonly nint display;

    XTestPointer(nint display) => this.display = display;

    public static XTestPointer OpenOrAssume(string displayName)
    {
        nint display = 0;
        try { display = XOpenDisplay(displayName); }
        catch (DllNotFoundException) { Assume.That(false, "libX11/libXtst not installed (Debian package libxtst6)"); }
        Assume.That(display, Is.Not.EqualTo((nint)0), $"cannot open X display {displayName}");
        return new XTestPointer(display);
    }

    /// <summary>The largest top-level window (the program's; GLFW's helper window is 1 x 1 and unmapped).</summary>
    public nint ProgramWindow()
    {
        nint root = XDefaultRootWindow(display);
        nint rootOut, parent, children;
        uint count;
        Assert.That(XQueryTree(display, root, &rootOut, &parent, &children, &count), Is.Not.Zero, "XQueryTree");
        try
        {
            var windows = new nint[count];
            for (int i = 0; i < windows.Length; i++) windows[i] = ((nint*)children)[i];
            Assert.That(windows, Is.Not.Empty, "no top-level window");
            return windows.MaxBy(w => Size(w).Width * Size(w).Height);
        }
        finally
        {
            if (children != 0) XFree(children);
        }
    }

    public (int Width, int Height) Size(nint window)
    {
        nint root;
        int x, y;
        uint width, height, border, depth;
        XGetGeometry(display, window, &root, &x, &y, &width, &height, &border, &depth);
        return ((int)width, (int)height);
    }

    /// <summary>Where the window's (0, 0) is on the screen.</summary>
    public (int X, int Y) Origin(nint window)
    {
        int x, y;
        nint child;
        XTranslateCoordinates(display, window, XDefaultRootWindow(display), 0, 0, &x, &y, &child);
        return (x, y);
    }

    public void Resize(nint window, int width, int height)
    {
        XResizeWindow(display, window, (uint)width, (uint)height);
        XFlush(display);
    }

    /// <summary>Moves the pointer to (x, y) of the screen and clicks the left button there.</summary>
    public void Click(int x, int y)
    {
        XTestFakeMotionEvent(display, -1, x, y, 0);
        XTestFakeButtonEvent(display, 1, 1, 0);
        XTestFakeButtonEvent(display, 1, 0, 0);
        XFlush(display);
    }

    [LibraryImport("libX11.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint XOpenDisplay(string name);

    [LibraryImport("libX11.so.6")]
    private static partial nint XDefaultRootWindow(nint display);

    [LibraryImport("libX11.so.6")]
    private static partial int XQueryTree(nint display, nint window, nint* root, nint* parent, nint* children, uint* count);

    [LibraryImport("libX11.so.6")]
    private static partial int XGetGeometry(nint display, nint drawable, nint* root, int* x, int* y, uint* width, uint* height, uint* border, uint* depth);

    [LibraryImport("libX11.so.6")]
    private static partial int XTranslateCoordinates(nint display, nint source, nint destination, int x, int y, int* destX, int* destY, nint* child);

    [LibraryImport("libX11.so.6")]
    private static partial int XResizeWindow(nint display, nint window, uint width, uint height);

    [LibraryImport("libX11.so.6")]
    private static partial int XFree(nint data);

    [LibraryImport("libX11.so.6")]
    private static partial int XFlush(nint display);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(nint display);

    [LibraryImport("libXtst.so.6")]
    private static partial int XTestFakeMotionEvent(nint display, int screen, int x, int y, ulong delay);

    [LibraryImport("libXtst.so.6")]
    private static partial int XTestFakeButtonEvent(nint display, uint button, int isPress, ulong delay);

    public void Dispose() => XCloseDisplay(display);
}
