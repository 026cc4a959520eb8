using System.Diagnostics;

namespace OccluNet.Live.Cli.Tests;

/// <summary>What one run of the built command gave.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the built occlunet (dotnet occlunet.dll, copied beside the tests) as a process, without a display.</summary>
internal static class CliProcess
{
    static string Dll => Path.Combine(AppContext.BaseDirectory, "occlunet.dll");

    public static async Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("DISPLAY"); // headless, as on a fresh CI machine
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"occlunet {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
