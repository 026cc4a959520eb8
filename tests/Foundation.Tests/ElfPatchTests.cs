using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace OccluNet.Live.Foundation.Tests;

/// <summary>The build's GLIBCXX patch (build/WeakenElfVersionNeed.cs), on the real libLibTorchSharp.so.</summary>
public sealed class ElfPatchTests
{
    const string Version = "GLIBCXX_3.4.32";
    string dir = "";

    static string OriginalLibrary => typeof(ElfPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OriginalLibTorchSharp").Value!;

    [SetUp]
    public void MakeScratch() => dir = Directory.CreateTempSubdirectory("elfpatch-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(dir, recursive: true);

    string CopyOfOriginal()
    {
        Assert.That(File.Exists(OriginalLibrary), Is.True, $"NuGet copy not found at {OriginalLibrary}");
        string copy = Path.Combine(dir, "libLibTorchSharp.so");
        File.Copy(OriginalLibrary, copy);
        return copy;
    }

    [Test]
    public void PatchingSetsTheWeakFlagOnOneByteAndTheResultLoads()
    {
        string copy = CopyOfOriginal();
        byte[] before = File.ReadAllBytes(copy);

        Assert.That(ElfVersionNeed.WeakenFile(copy, Version), Is.EqualTo(ElfVersionNeed.Outcome.Weakened));

        byte[] after = File.ReadAllBytes(copy);
        int[] differing = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.That(after, Has.Length.EqualTo(before.Length));
        Assert.That(differing, Has.Length.EqualTo(1));
        Assert.That(after[differing[0]], Is.EqualTo(before[differing[0]] | 2));
        Assert.That(File.ReadAllBytes(OriginalLibrary), Is.EqualTo(before), "the NuGet cache copy must stay untouched");

        _ = torch.ones(1).sum();   // libtorch's own libraries are then already mapped, so the copy's needs resolve
        Assert.That(NativeLibrary.TryLoad(copy, out IntPtr handle), Is.True, "patched copy did not load");
        NativeLibrary.Free(handle);
    }

    [Test]
    public void TheUnpatchedOriginalLoadsExactlyWhereTheSystemHasTheVersion()
    {
        string? libstdcxx = ElfVersionNeed.RunningLibStdCxx();
        Assert.That(libstdcxx, Is.Not.Null, "the process has a libstdc++ mapped (libtorch needs one)");
        bool systemHasIt = ElfVersionNeed.Defines(libstdcxx!, Version);
        string copy = CopyOfOriginal();
        _ = torch.ones(1).sum();
        // Debian 12 (GCC 12) lacks the version, so the unpatched copy must not load - the reason for the patch; a
        // newer system has it, and there the original loads.
        bool loaded = NativeLibrary.TryLoad(copy, out IntPtr handle);
        if (loaded) NativeLibrary.Free(handle);
        Assert.That(loaded, Is.EqualTo(systemHasIt), $"{libstdcxx} defines {Version}: {systemHasIt}");
    }

    [Test]
    public void PatchingTwiceChangesNothing()
    {
        string copy = CopyOfOriginal();
        ElfVersionNeed.WeakenFile(copy, Version);
        byte[] once = File.ReadAllBytes(copy);
        DateTime stamp = File.GetLastWriteTimeUtc(copy);

        Assert.That(ElfVersionNeed.WeakenFile(copy, Version), Is.EqualTo(ElfVersionNeed.Outcome.AlreadyWeak));
        Assert.That(File.ReadAllBytes(copy), Is.EqualTo(once));
        Assert.That(File.GetLastWriteTimeUtc(copy), Is.EqualTo(stamp), "an already weak file must not be rewritten");
    }

    [Test]
    public void ALibraryWithoutThatNeedIsLeftByteIdentical()
    {
        // libstdc++ defines GLIBCXX versions; it needs none of them.
        string source = ElfVersionNeed.RunningLibStdCxx()!;
        string copy = Path.Combine(dir, "libstdc++.so.6");
        File.Copy(source, copy);
        byte[] before = File.ReadAllBytes(copy);

        Assert.That(ElfVersionNeed.WeakenFile(copy, Version), Is.EqualTo(ElfVersionNeed.Outcome.NoSuchNeed));
        Assert.That(File.ReadAllBytes(copy), Is.EqualTo(before));
    }

    [Test]
    public void AutoModeSeesWhatTheRunningLibStdCxxDefines()
    {
        string libstdcxx = ElfVersionNeed.RunningLibStdCxx()!;
        Assert.That(ElfVersionNeed.Defines(libstdcxx, "GLIBCXX_3.4.30"), Is.True);   // Debian 12 and newer
        Assert.That(ElfVersionNeed.Defines(libstdcxx, "GLIBCXX_9.9.99"), Is.False);
    }

    [Test]
    public void ANonElfFileIsRefusedWithItsName()
    {
        string path = Path.Combine(dir, "not-elf.so");
        File.WriteAllText(path, "hello");
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeed.WeakenFile(path, Version));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void TheBuildOutputCopyIsTheWeakOne()
    {
        string output = Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location)!, "libLibTorchSharp.so");
        Assert.That(File.Exists(output), Is.True, $"the build copies libLibTorchSharp.so beside TorchSharp.dll: {output}");
        byte[] bytes = File.ReadAllBytes(output);
        var outcome = ElfVersionNeed.Weaken(bytes, Version, output);
        string? libstdcxx = ElfVersionNeed.RunningLibStdCxx();
        if (libstdcxx != null && !ElfVersionNeed.Defines(libstdcxx, Version))
            Assert.That(outcome, Is.EqualTo(ElfVersionNeed.Outcome.AlreadyWeak));
        else
            Assert.That(outcome, Is.EqualTo(ElfVersionNeed.Outcome.Weakened), "where the system has the version, the build leaves it as is");
    }
}
