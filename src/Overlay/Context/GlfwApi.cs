using System.Runtime.InteropServices;

namespace OccluNet.Live.Overlay.Context;

/// <summary>The GLFW 3.3 calls a window with a core-profile context, keyboard and mouse needs, bound from libglfw at run time.</summary>
internal sealed unsafe class GlfwApi
{
    public const string DefaultLibrary = "libglfw.so.3";
    public const string DebianPackages = "libglfw3 libgl1-mesa-dri";

    public const int ContextVersionMajor = 0x22002, ContextVersionMinor = 0x22003, OpenGlProfile = 0x22008;
    public const int OpenGlCoreProfile = 0x32001, OpenGlForwardCompat = 0x22006, Visible = 0x20004;

    public readonly delegate* unmanaged<int> Init;
    public readonly delegate* unmanaged<void> Terminate;
    public readonly delegate* unmanaged<int, int, void> WindowHint;
    public readonly delegate* unmanaged<int, int, byte*, nint, nint, nint> CreateWindow;
    public readonly delegate* unmanaged<nint, void> DestroyWindow;
    public readonly delegate* unmanaged<nint, void> MakeContextCurrent;
    public readonly delegate* unmanaged<byte*, nint> GetProcAddressRaw;
    public readonly delegate* unmanaged<nint, void> SwapBuffers;
    public readonly delegate* unmanaged<int, void> SwapInterval;
    public readonly delegate* unmanaged<void> PollEvents;
    public readonly delegate* unmanaged<byte**, int> GetError;
    public readonly delegate* unmanaged<nint, int> WindowShouldClose;
    public readonly delegate* unmanaged<nint, int*, int*, void> GetFramebufferSize;
    public readonly delegate* unmanaged<nint, int, int, void> SetWindowSize;
    public readonly delegate* unmanaged<nint, nint, nint> SetKeyCallback;
    public readonly delegate* unmanaged<nint, nint, nint> SetMouseButtonCallback;
    public readonly delegate* unmanaged<nint, nint, nint> SetCursorPosCallback;
    public readonly delegate* unmanaged<nint, double*, double*, void> GetCursorPos;
    public readonly delegate* unmanaged<nint, int*, int*, void> GetWindowSize;

    public GlfwApi(string library = DefaultLibrary)
    {
        var lib = NativeLib.Load(library, DebianPackages);
        Init = (delegate* unmanaged<int>)lib.Export("glfwInit");
        Terminate = (delegate* unmanaged<void>)lib.Export("glfwTerminate");
        WindowHint = (delegate* unmanaged<int, int, void>)lib.Export("glfwWindowHint");
        CreateWindow = (delegate* unmanaged<int, int, byte*, nint, nint, nint>)lib.Export("glfwCreateWindow");
        DestroyWindow = (delegate* unmanaged<nint, void>)lib.Export("glfwDestroyWindow");
        MakeContextCurrent = (delegate* unmanaged<nint, void>)lib.Export("glfwMakeContextCurrent");
        GetProcAddressRaw = (delegate* unmanaged<byte*, nint>)lib.Export("glfwGetProcAddress");
        SwapBuffers = (delegate* unmanaged<nint, void>)lib.Export("glfwSwapBuffers");
        SwapInterval = (delegate* unmanaged<int, void>)lib.Export("glfwSwapInterval");
        PollEvents = (delegate* unmanaged<void>)lib.Export("glfwPollEvents");
        GetError = (delegate* unmanaged<byte**, int>)lib.Export("glfwGetError");
        WindowShouldClose = (delegate* unmanaged<nint, int>)lib.Export("glfwWindowShouldClose");
        GetFramebufferSize = (delegate* unmanaged<nint, int*, int*, void>)lib.Export("glfwGetFramebufferSize");
        SetWindowSize = (delegate* unmanaged<nint, int, int, void>)lib.Export("glfwSetWindowSize");
        SetKeyCallback = (delegate* unmanaged<nint, nint, nint>)lib.Export("glfwSetKeyCallback");
        SetMouseButtonCallback = (delegate* unmanaged<nint, nint, nint>)lib.Export("glfwSetMouseButtonCallback");
        SetCursorPosCallback = (delegate* unmanaged<nint, nint, nint>)lib.Export("glfwSetCursorPosCallback");
        GetCursorPos = (delegate* unmanaged<nint, double*, double*, void>)lib.Export("glfwGetCursorPos");
        GetWindowSize = (delegate* unmanaged<nint, int*, int*, void>)lib.Export("glfwGetWindowSize");
    }

    public nint GetProcAddress(string name)
    {
        nint text = Marshal.StringToHGlobalAnsi(name);
        try { return GetProcAddressRaw((byte*)text); }
        finally { Marshal.FreeHGlobal(text); }
    }

    /// <summary>GLFW's last error as "code: description" (e.g. "65544: X11: The DISPLAY environment variable is missing").</summary>
    public string LastError()
    {
        byte* description = null;
        int code = GetError(&description);
        return code == 0 ? "no GLFW error reported" : $"{code}: {Marshal.PtrToStringUTF8((nint)description)}";
    }
}
