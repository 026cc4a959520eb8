using System.Runtime.InteropServices;

namespace OccluNet.Live.Model.Runtime;

/// <summary>
/// Keeps libtorch's large CPU buffers in glibc's heap instead of fresh mappings. libtorch allocates every activation
/// with malloc and frees it after the op; by default glibc serves blocks over 128 KiB-32 MiB (a dynamic threshold)
/// with mmap and gives freed heap tops back to the kernel, so each streaming step of an S-class model maps, page-faults
/// and zeroes tens of megabytes again (the P3 temporal tokens of S-512 alone are 19 MB). That, not arithmetic, made
/// TorchSharp 2-3x slower than ONNX Runtime (which keeps its own arena) and its timings vary run to run
/// (docs/model.md "The heap"). Raising both thresholds to glibc's maximum makes freed blocks reusable, and one arena
/// for all threads keeps them reusable whichever thread runs the model (a thread's own arena lives in 64 MiB heaps
/// that glibc unmaps when they empty, whatever the thresholds). The process keeps its peak heap; for a streaming step,
/// which repeats every frame, that is flat memory.
/// </summary>
internal static class NativeHeap
{
    const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3, ArenaMax = -8; // M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD, M_ARENA_MAX (malloc.h)
    const int ThreadHeapSize = 64 << 20; // HEAP_MAX_SIZE: a top pad this large keeps glibc from deleting a thread arena's emptied heaps
    const int LargestMmapThreshold = 32 << 20; // glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit: larger values are refused

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);

    /// <summary>Applies the settings (glibc on Linux; elsewhere nothing is done; again is harmless); returns whether glibc took them.</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallOpt(MmapThreshold, LargestMmapThreshold) == 1 && MallOpt(TrimThreshold, int.MaxValue) == 1
                && MallOpt(TopPad, ThreadHeapSize) == 1 && MallOpt(ArenaMax, 1) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a C library without mallopt (musl): the default heap, slower S-class steps, nothing else
        }
    }
}
