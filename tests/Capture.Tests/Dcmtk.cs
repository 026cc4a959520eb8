using System.Diagnostics;

namespace OccluNet.Live.Capture.Tests;

/// <summary>Runs a dcmtk tool (installed by scripts/setup-debian.sh) and returns its exit code and output.</summary>
internal static class Dcmtk
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install dcmtk)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr);
    }
}
