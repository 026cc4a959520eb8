using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>
/// An X display for the window tests: the one in DISPLAY, or a private Xvfb started here (it picks a free display
/// number and prints it: -displayfd 1). DISPLAY is set in both the managed and the native environment, because
/// GLFW reads it with getenv. Tests skip (Assume) when neither exists.
/// </summary>
internal sealed partial class XvfbDisplay : IDisposable
{
    readonly Process? server;
    readonly string? previous;

    XvfbDisplay(Process? server, string name, string? previous)
    {
        this.server = server;
        this.previous = previous;
        Name = name;
        SetDisplay(name);
    }

    public string Name { get; }

    public static XvfbDisplay StartOrAssume()
    {
        string? current = Environment.GetEnvironmentVariable("DISPLAY");
        if (!string.IsNullOrEmpty(current)) return new XvfbDisplay(null, current, current);
        string? xvfb = new[] { "/usr/bin/Xvfb", "/usr/local/bin/Xvfb" }.FirstOrDefault(File.Exists);
        Assume.That(xvfb, Is.Not.Null, "no X display and no Xvfb (Debian package xvfb)");
        var process = Process.Start(new ProcessStartInfo(xvfb!, "-displayfd 1 -screen 0 1024x768x24 -nolisten tcp")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(15)) || string.IsNullOrWhiteSpace(line.Result))
        {
            process.Kill();
            Assume.That(false, "Xvfb did not start");
        }
        return new XvfbDisplay(process, ":" + line.Result!.Trim(), null);
    }

    /// <summary>Sets (null: removes) DISPLAY for managed code and for native getenv alike.</summary>
    internal static void SetDisplay(string? value)
    {
        Environment.SetEnvironmentVariable("DISPLAY", value);
        if (value is null) UnsetEnv("DISPLAY");
        else SetEnv("DISPLAY", value, 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    public void Dispose()
    {
        SetDisplay(previous);
        if (server is null) return;
        server.Kill();
        server.WaitForExit(5000);
        server.Dispose();
    }
}
