using System.ComponentModel;
using System.Diagnostics;

namespace OccluNet.Live.Pacs.Sending;

/// <summary>What one run of an external program gave; <see cref="Started"/> false when it could not be started.</summary>
internal sealed record ToolResult(bool Started, int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public bool Succeeded => Started && !TimedOut && ExitCode == 0;
}

/// <summary>Runs an external program (dcmtk's storescu; the tests' validators) with a time limit, never throwing for its failure.</summary>
internal static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return new ToolResult(false, -1, "", $"{tool} could not be started ({e.Message}); install it (scripts/setup-debian.sh)", false);
        }
        if (process is null) return new ToolResult(false, -1, "", $"{tool} could not be started", false);
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            bool timedOut = false;
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return new ToolResult(true, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut);
        }
    }

    public static ToolResult Run(string tool, params string[] arguments) => RunIn(null, tool, arguments);

    public static ToolResult RunIn(string? workingDirectory, string tool, params string[] arguments) =>
        RunAsync(tool, arguments, TimeSpan.FromMinutes(2), CancellationToken.None, workingDirectory).GetAwaiter().GetResult();
}
