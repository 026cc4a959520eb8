namespace OccluNet.Live.Cli.Progress;

/// <summary>How a command shows its progress on stderr.</summary>
internal enum ProgressMode
{
    /// <summary>stderr is a terminal: a live Spectre.Console bar (done/total, item, detail, percentage, time left).</summary>
    Bar,

    /// <summary>stderr is a file or a pipe: one plain line at most every period, plus the first and the last.</summary>
    Lines,

    /// <summary>--quiet: nothing.</summary>
    Quiet,
}
