using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// The lean convs go channels-last only where the CPU's cache sizes are known: a VM without them crashed oneDNN's NHWC
/// 1x1 kernel (docs/model.md "Channels-last lean convolutions"). Read from sysfs-shaped folders.
/// </summary>
public sealed class ConvLayoutTests : TempFolderTest
{
    void Cache(int index, string level, string type, string? size)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Folder, $"index{index}")).FullName;
        File.WriteAllText(Path.Combine(dir, "level"), level + "\n");
        File.WriteAllText(Path.Combine(dir, "type"), type + "\n");
        if (size is not null) File.WriteAllText(Path.Combine(dir, "size"), size + "\n");
    }

    [Test]
    public void SizedL1DataAndL2MeanChannelsLast()
    {
        Cache(0, "1", "Data", "48K");
        Cache(1, "1", "Instruction", "32K");
        Cache(2, "2", "Unified", "1280K");
        Cache(3, "3", "Unified", "49152K");
        Assert.That(ConvLayout.ReportsCacheSizes(Folder), Is.True);
    }

    [Test]
    public void CachesWithoutSizesKeepNchw()
    {
        Cache(0, "1", "Data", null);
        Cache(1, "1", "Instruction", null);
        Cache(2, "2", "Unified", "0K");
        Assert.That(ConvLayout.ReportsCacheSizes(Folder), Is.False);
    }

    [Test]
    public void AnInstructionCacheIsNotADataCache()
    {
        Cache(0, "1", "Instruction", "32K");
        Cache(1, "2", "Unified", "1280K");
        Assert.That(ConvLayout.ReportsCacheSizes(Folder), Is.False);
    }

    [Test]
    public void NoCacheFolderKeepsNchw() => Assert.That(ConvLayout.ReportsCacheSizes(Path.Combine(Folder, "absent")), Is.False);

    [Test]
    public void TheGpuIsAlwaysChannelsLast() => Assert.That(ConvLayout.ChannelsLast(TorchSharp.DeviceType.CUDA), Is.True);
}
