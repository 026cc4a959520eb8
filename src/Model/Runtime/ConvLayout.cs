using TorchSharp;

namespace OccluNet.Live.Model.Runtime;

/// <summary>
/// Whether the lean TorchSharp form keeps its folded conv weights channels-last (NHWC strides, same shape). oneDNN then
/// runs every convolution of the encoder in NHWC and hands that layout on, instead of reordering each conv's input and
/// output between NCHW and its blocked layout (S-512 streaming step at 2 threads: 0.89x -> 0.73x of bare ONNX Runtime,
/// median 208 ms; docs/model.md).
/// Not on a CPU whose cache sizes the kernel does not know: on such a VM (session 11) oneDNN 3.7's NHWC 1x1 kernel
/// divided by zero for 1024 input channels (SIGFPE, the process gone); there, and off Linux, the convs stay NCHW.
/// </summary>
internal static class ConvLayout
{
    private const string CpuCaches = "/sys/devices/system/cpu/cpu0/cache";
    private static readonly Lazy<bool> CpuReportsCaches = new(() => OperatingSystem.IsLinux() && ReportsCacheSizes(CpuCaches));

    public static bool ChannelsLast(DeviceType device) => device != DeviceType.CPU || CpuReportsCaches.Value;

    /// <summary>
    /// Whether a sysfs cache folder gives the per-core L1 data (or unified) and L2 sizes, as the kernel read them from
    /// CPUID (what oneDNN's blocking reads too).
    /// </summary>
    internal static bool ReportsCacheSizes(string cacheFolder)
    {
        if (!Directory.Exists(cacheFolder)) return false;
        var sized = Directory.GetDirectories(cacheFolder, "index*")
            .Where(index => Read(index, "type") != "Instruction" && Read(index, "size") is { Length: > 0 } size && size != "0K")
            .Select(index => Read(index, "level"))
            .ToHashSet();
        return sized.Contains("1") && sized.Contains("2");
    }

    private static string Read(string index, string name)
    {
        try { return File.ReadAllText(Path.Combine(index, name)).Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
