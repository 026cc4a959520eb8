namespace OccluNet.Live.Pacs.Sending;

/// <summary>
/// C-STORE of one file through dcmtk's storescu (installed by scripts/setup-debian.sh). storescu exits 0 only when the
/// association was accepted and the node answered the store with success; a refused association, a closed port, a
/// refusal status (e.g. Out of Resources from a full PACS) or a timeout give its last error line instead.
/// </summary>
public sealed class StoreScu(string tool = "storescu", TimeSpan? timeout = null)
{
    readonly TimeSpan timeout = timeout ?? TimeSpan.FromSeconds(60);

    /// <summary>Null when stored; otherwise why not, in one line.</summary>
    public async Task<string?> SendAsync(DicomNode node, string file, CancellationToken cancellationToken = default)
    {
        string[] arguments =
        [
            "-aet", DicomNode.CallingAet, "-aec", node.CalledAet,
            // Connection and DIMSE timeouts, so that a node that accepts the TCP connection and then hangs cannot stall the queue.
            "-to", "10", "-ta", "10", "-td", "30",
            node.Host, node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), file,
        ];
        ToolResult result = await ExternalTool.RunAsync(tool, arguments, timeout, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded) return null;
        if (!result.Started) return result.StdErr;
        if (result.TimedOut) return $"storescu to {node} did not finish within {timeout.TotalSeconds:0} s";
        string detail = (result.StdErr + "\n" + result.StdOut).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("F:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal))
            .Select(l => l[2..].Trim()).LastOrDefault(l => l.Length > 0) ?? $"storescu exit code {result.ExitCode}";
        return $"{node}: {detail}";
    }
}
