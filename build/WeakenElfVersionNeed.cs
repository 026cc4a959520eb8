#nullable enable
// Marks one version need (e.g. GLIBCXX_3.4.32) of an ELF64 little-endian shared library as WEAK.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13) only for
// std::ios_base_library_init(), which nothing relocates. Debian 12's libstdc++ stops at 3.4.30.
// A weak version need lets the loader accept the library; nothing else changes (one byte per entry).
//
// This one file serves two masters:
//  - Directory.Build.targets compiles it as an inline MSBuild task (RoslynCodeTaskFactory, netstandard2.0:
//    no spans, no File.Move overwrite);
//  - the foundation tests compile it with ELF_PATCH_CORE_ONLY and test ElfVersionNeed directly.
#pragma warning disable IDE0005 // the inline task has no implicit usings: these are needed there
using System;
using System.IO;
using System.Linq;
using System.Text;

public static class ElfVersionNeed
{
    public enum Outcome { NoSuchNeed, AlreadyWeak, Weakened }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/>; returns what it did.</summary>
    public static Outcome Weaken(byte[] elf, string version, string nameForErrors)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException(nameForErrors + ": not a little-endian ELF64 file");
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        int hits = 0, changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)(shoff + (long)i * shentsize));
            if (BitConverter.ToUInt32(elf, sh + 4) != 0x6ffffffe) continue;            // SHT_GNU_verneed
            int strSh = checked((int)(shoff + (long)BitConverter.ToUInt32(elf, sh + 0x28) * shentsize));
            int strtab = checked((int)BitConverter.ToInt64(elf, strSh + 0x18));          // sh_link -> .dynstr offset
            int vn = checked((int)BitConverter.ToInt64(elf, sh + 0x18));
            while (true)
            {
                int count = BitConverter.ToUInt16(elf, vn + 2);                           // vn_cnt
                int aux = vn + (int)BitConverter.ToUInt32(elf, vn + 8);                   // vn_aux
                for (int k = 0; k < count; k++)
                {
                    int name = strtab + (int)BitConverter.ToUInt32(elf, aux + 8);         // vna_name
                    int end = Array.IndexOf(elf, (byte)0, name);
                    if (end > name && Encoding.ASCII.GetString(elf, name, end - name) == version)
                    {
                        hits++;
                        if ((elf[aux + 4] & 2) == 0) { elf[aux + 4] |= 2; changed++; }   // vna_flags |= VER_FLG_WEAK
                    }
                    uint nextAux = BitConverter.ToUInt32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += (int)nextAux;
                }
                uint next = BitConverter.ToUInt32(elf, vn + 12);
                if (next == 0) break;
                vn += (int)next;
            }
        }
        return hits == 0 ? Outcome.NoSuchNeed : changed == 0 ? Outcome.AlreadyWeak : Outcome.Weakened;
    }

    /// <summary>Patches a file in place: writes beside it and renames, so a hard link into the NuGet cache is never written through.</summary>
    public static Outcome WeakenFile(string path, string version)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Outcome outcome = Weaken(bytes, version, path);
        if (outcome != Outcome.Weakened) return outcome;
        string tmp = path + ".weak.tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Delete(path);
        File.Move(tmp, path);
        return outcome;
    }

    /// <summary>True when a shared library (e.g. libstdc++) defines <paramref name="version"/> itself.</summary>
    public static bool Defines(string libraryPath, string version) =>
        Encoding.ASCII.GetString(File.ReadAllBytes(libraryPath)).Contains(version + "\0");

    /// <summary>The libstdc++ this process runs on, from /proc/self/maps; null when none is mapped.</summary>
    public static string? RunningLibStdCxx() =>
        File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .FirstOrDefault(p => Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal));
}

#if !ELF_PATCH_CORE_ONLY
/// <summary>MSBuild task: Mode auto (only where the running libstdc++ lacks the version) | always.</summary>
public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required] public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();
    [Microsoft.Build.Framework.Required] public string Version { get; set; } = "";
    [Microsoft.Build.Framework.Required] public string Mode { get; set; } = "auto";

    public override bool Execute()
    {
        if (Mode == "auto")
        {
            string? lib = ElfVersionNeed.RunningLibStdCxx();
            if (lib != null && ElfVersionNeed.Defines(lib, Version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, lib + " defines " + Version + "; libLibTorchSharp.so left as is.");
                return true;
            }
        }
        foreach (var item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                var outcome = ElfVersionNeed.WeakenFile(path, Version);
                Log.LogMessage(outcome == ElfVersionNeed.Outcome.Weakened ? Microsoft.Build.Framework.MessageImportance.High : Microsoft.Build.Framework.MessageImportance.Normal,
                    path + ": " + (outcome == ElfVersionNeed.Outcome.Weakened ? "marked " + Version + " weak" : outcome == ElfVersionNeed.Outcome.AlreadyWeak ? Version + " already weak" : "no " + Version + " need"));
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError(path + ": cannot weaken " + Version + ": " + e.Message);
                return false;
            }
        }
        return true;
    }
}
#endif
