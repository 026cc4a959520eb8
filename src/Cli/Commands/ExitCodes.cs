using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// Every exit code of occlunet, and the one place that maps a pipeline's outcome to one (docs/fault-matrix.md lists
/// which input gives which).
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done; for the pipeline commands: every frame that arrived was analysed.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a defect: please report it with the output).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or input: one line on stderr names what is wrong; nothing was analysed or written.</summary>
    public const int UserError = 2;

    /// <summary>Done, but some frames or runs were lost or refused (unreadable, truncated, dropped, failed, refused).</summary>
    public const int Incomplete = 3;

    /// <summary><c>audit verify</c>: a trail is not intact.</summary>
    public const int NotIntact = 4;

    /// <summary>Stopped by Ctrl-C or SIGTERM before the input ended (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>
    /// A replay's outcome: interrupted before its end, else complete or not. A live session's only end is Ctrl-C (or Q),
    /// so its code says whether everything that arrived was analysed (<paramref name="stopIsTheEnd"/>).
    /// </summary>
    public static int Of(PipelineSummary summary, bool stopIsTheEnd = false) =>
        summary.Cancelled && !stopIsTheEnd ? Interrupted
        : summary.IsComplete ? Success
        : Incomplete;
}
