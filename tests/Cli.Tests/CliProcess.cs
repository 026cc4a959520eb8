using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OccluNet.Live.Cli.Tests;

/// <summary>What one run of the built command gave.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the built occlunet (dotnet occlunet.dll, copied beside the tests) as a process, without a display.</summary>
internal static partial class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "occlunet.dll");

    public static Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(workingDirectory, timeout, display: null, onLine: null, args);

    /// <summary>Runs occlunet with these environment variables set (e.g. the progress period).</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(workingDirectory, timeout, display: null, onLine: null, environment, args);

    /// <summary>
    /// Runs occlunet with DISPLAY = <paramref name="display"/> (null: no display, as on a fresh CI machine), handing
    /// each stdout line and the process id to <paramref name="onLine"/> as it comes (e.g. to press keys once the window
    /// is up, or to send SIGINT).
    /// </summary>
    public static Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, string? display, Action<string, int>? onLine, params string[] args) =>
        RunAsync(workingDirectory, timeout, display, onLine, new Dictionary<string, string>(), args);

    /// <summary>Runs the occlunet.dll of <paramref name="appFolder"/> (e.g. a copy of the build without some native libraries) instead of the one beside the tests.</summary>
    public static Task<CliResult> RunFromAsync(string appFolder, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(workingDirectory, timeout, display: null, onLine: null, new Dictionary<string, string>(), args, Path.Combine(appFolder, "occlunet.dll"));

    static async Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, string? display, Action<string, int>? onLine, IReadOnlyDictionary<string, string> environment, string[] args, string? dll = null)
    {
        // Through env, with SIGINT at its default as a terminal starts a program: a test run started in the background
        // (nohup, `&` in a script) inherits SIGINT ignored, which .NET respects, and Ctrl-C could not be tested.
        var start = new ProcessStartInfo("env") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(dll ?? Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (display is null) start.Environment.Remove("DISPLAY");
        else start.Environment["DISPLAY"] = display;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var stdout = ReadLinesAsync(process.StandardOutput, onLine is null ? null : line => onLine(line, process.Id));
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitAsync(process, timeout, $"occlunet {string.Join(' ', args)}");
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits for the process; past the timeout it is killed (with its children) and the test fails.</summary>
    public static async Task WaitAsync(Process process, TimeSpan timeout, string what)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>Ctrl-C, as a terminal sends it.</summary>
    public static void Interrupt(int pid) => Assert.That(Kill(pid, 2), Is.Zero, $"kill -INT {pid}");

    /// <summary>kill -9: the process gets no chance to close anything (a crash, a power-less stop of the session).</summary>
    public static void KillHard(int pid) => Assert.That(Kill(pid, 9), Is.Zero, $"kill -9 {pid}");

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    static async Task<string> ReadLinesAsync(StreamReader reader, Action<string>? onLine)
    {
        var all = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            all.Append(line).Append('\n');
            onLine?.Invoke(line);
        }
        return all.ToString();
    }
}
