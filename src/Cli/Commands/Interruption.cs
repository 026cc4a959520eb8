using System.Runtime.InteropServices;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// Ctrl-C and SIGTERM, caught from the program's first line: the first cancels the command's token (the pipeline then
/// analyses what is queued, flushes its sinks and prints its summary); a second, or a command still running
/// <see cref="GracePeriod"/> later, ends the process with <see cref="ExitCodes.Interrupted"/>.
/// System.CommandLine's own handler is only registered once a command's action first yields, so a Ctrl-C during model
/// loading was lost and the run went on to its end.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>Longer than System.CommandLine's default 2 s: flushing a pipeline on a busy machine takes a while.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);

    readonly CancellationTokenSource requested = new();
    readonly PosixSignalRegistration interrupt, terminate;
    int signals;

    public Interruption()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => requested.Token;

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref signals) > 1) Environment.Exit(ExitCodes.Interrupted);
        requested.Cancel();
        _ = Task.Delay(GracePeriod).ContinueWith(_ => Environment.Exit(ExitCodes.Interrupted), TaskScheduler.Default);
    }

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        requested.Dispose();
    }
}
