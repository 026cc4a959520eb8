namespace OccluNet.Live.Domain;

/// <summary>
/// How far long work has got, as the loop doing it reports it through <c>IProgress&lt;WorkProgress&gt;</c>: items done
/// of the total (runs, cases, frames), the item it is on or has just finished, and a short detail only the loop can
/// measure (e.g. frames/s per model). Loops report; they never print progress. The command renders it (a bar in a
/// terminal, periodic lines when the output is redirected, nothing with --quiet), always on stderr.
/// </summary>
public readonly record struct WorkProgress(int Done, int Total, string Item = "", string Detail = "");
