using System.Runtime.InteropServices;

namespace OccluNet.Live.Overlay.Context;

/// <summary>The dozen EGL 1.5 calls a surfaceless Mesa context needs, bound from libEGL at run time.</summary>
internal sealed unsafe class EglApi
{
    public const string DefaultLibrary = "libEGL.so.1";
    public const string DebianPackages = "libegl1 libegl-mesa0 libgbm1 libgl1-mesa-dri";

    public const int None = 0x3038, SurfaceType = 0x3033, RenderableType = 0x3040, OpenGlBit = 0x0008;
    public const int RedSize = 0x3024, GreenSize = 0x3023, BlueSize = 0x3022, AlphaSize = 0x3021;
    public const int ContextMajorVersion = 0x3098, ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD, ContextOpenGlCoreProfileBit = 0x1;
    public const uint OpenGlApi = 0x30A2, PlatformSurfacelessMesa = 0x31DD;

    public readonly delegate* unmanaged<uint, nint, nint*, nint> GetPlatformDisplay;
    public readonly delegate* unmanaged<nint, int*, int*, uint> Initialize;
    public readonly delegate* unmanaged<nint, int*, nint*, int, int*, uint> ChooseConfig;
    public readonly delegate* unmanaged<uint, uint> BindApi;
    public readonly delegate* unmanaged<nint, nint, nint, int*, nint> CreateContext;
    public readonly delegate* unmanaged<nint, nint, nint, nint, uint> MakeCurrent;
    public readonly delegate* unmanaged<byte*, nint> GetProcAddressRaw;
    public readonly delegate* unmanaged<int> GetError;
    public readonly delegate* unmanaged<nint, nint, uint> DestroyContext;
    public readonly delegate* unmanaged<uint> ReleaseThread;

    public EglApi(string library = DefaultLibrary)
    {
        var lib = NativeLib.Load(library, DebianPackages);
        GetPlatformDisplay = (delegate* unmanaged<uint, nint, nint*, nint>)lib.Export("eglGetPlatformDisplay");
        Initialize = (delegate* unmanaged<nint, int*, int*, uint>)lib.Export("eglInitialize");
        ChooseConfig = (delegate* unmanaged<nint, int*, nint*, int, int*, uint>)lib.Export("eglChooseConfig");
        BindApi = (delegate* unmanaged<uint, uint>)lib.Export("eglBindAPI");
        CreateContext = (delegate* unmanaged<nint, nint, nint, int*, nint>)lib.Export("eglCreateContext");
        MakeCurrent = (delegate* unmanaged<nint, nint, nint, nint, uint>)lib.Export("eglMakeCurrent");
        GetProcAddressRaw = (delegate* unmanaged<byte*, nint>)lib.Export("eglGetProcAddress");
        GetError = (delegate* unmanaged<int>)lib.Export("eglGetError");
        DestroyContext = (delegate* unmanaged<nint, nint, uint>)lib.Export("eglDestroyContext");
        ReleaseThread = (delegate* unmanaged<uint>)lib.Export("eglReleaseThread");
    }

    public nint GetProcAddress(string name)
    {
        nint text = Marshal.StringToHGlobalAnsi(name);
        try { return GetProcAddressRaw((byte*)text); }
        finally { Marshal.FreeHGlobal(text); }
    }

    /// <summary>Throws naming the EGL call and its error code when <paramref name="ok"/> is false.</summary>
    public void Check(bool ok, string call)
    {
        if (!ok) throw new OverlayContextException($"{call} failed with EGL error 0x{GetError():X4} (Mesa EGL: {DebianPackages})");
    }
}
