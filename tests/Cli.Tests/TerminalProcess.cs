using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Runs the built occlunet under a pseudo-terminal (util-linux `script`, 120 x 40, TERM xterm-256color), as a user's
/// shell would, and returns the terminal's transcript (stdout and stderr as the screen got them) without ANSI codes.
/// </summary>
internal static partial class TerminalProcess
{
    public static async Task<(int ExitCode, string Screen)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var command = "stty cols 120 rows 40; exec dotnet " + string.Join(' ', new[] { CliProcess.Dll }.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" }) start.ArgumentList.Add(arg);
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("script (util-linux) could not be started");
        var screen = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await CliProcess.WaitAsync(process, timeout, $"occlunet {string.Join(' ', args)} under a terminal");
        Assert.That(await errors, Is.Empty, "script itself");
        return (process.ExitCode, AnsiCodes().Replace(await screen, ""));
    }

    static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>CSI sequences (colours, cursor moves, erase) and the two-byte keypad-mode escapes.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[=>]")]
    private static partial Regex AnsiCodes();
}
