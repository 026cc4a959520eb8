using System.CommandLine;

namespace OccluNet.Live.Training.Tests;

/// <summary>Runs occlunet sub-commands in this process with stdout and stderr captured (callers are [NonParallelizable]).</summary>
static class InProcessCli
{
    public static (int Code, string Out, string Err) Invoke(Command[] commands, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in commands) root.Subcommands.Add(command);
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (root.Parse(args).Invoke(), stdout.ToString(), stderr.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }
}
