using System.Diagnostics;

namespace OccluNet.Live.Foundation.Tests;

/// <summary>
/// Directory.Build.props hard-links libtorch into every output folder, but a project's own assembly is copied from obj/:
/// the compiler rewrites obj/X.dll in place, so a linked bin/X.dll (and every -o folder and dependent's bin linked to it)
/// would change under any process still running from there. Three training runs died that way (a rebuild during
/// training: "bits stored 0" while drawing data, garbage tensor sizes read from the new DLL's bytes; docs/training.md).
/// </summary>
public sealed class BuildOutputTests
{
    [Test]
    public void ThisAssemblyIsACopyOfTheCompilersFileNotALinkToIt()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("hard-link counts are read with stat(1) on Linux");
        string output = typeof(BuildOutputTests).Assembly.Location;
        Assert.That(LinkCount(output), Is.EqualTo(1),
            $"{output} shares its file with another name (the compiler's obj/ file?): a rebuild would rewrite it under a running process");
    }

    static int LinkCount(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        string text = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        Assert.That(stat.ExitCode, Is.Zero, $"stat {path} failed");
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
