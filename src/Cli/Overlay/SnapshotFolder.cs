using System.Globalization;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// Where snapshots go, by the <see cref="OutputFolder"/> rule: a folder named with --snapshots must be new or empty;
/// without it, a headless replay writes into a new timestamped folder under <see cref="DefaultRoot"/> (a folder of its own).
/// </summary>
internal static class SnapshotFolder
{
    /// <summary>The headless replay's default parent folder (relative to the working directory).</summary>
    public const string DefaultRoot = "replay-snapshots";

    /// <summary>Claims and returns the folder, or null and the reason (one line) when it cannot be used.</summary>
    public static string? Prepare(string? requested, string? defaultRoot, out string? error)
    {
        error = null;
        try
        {
            if (requested is not null) return OutputFolder.Claim(requested, OutputKind.Snapshots).Path;
            if (defaultRoot is null) return null;
            return CreateTimestamped(defaultRoot, DateTime.UtcNow);
        }
        catch (OutputFolderException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>ROOT/20261127-041503 (or -2, -3, ... when a folder of that second exists).</summary>
    public static string CreateTimestamped(string root, DateTime utcNow)
    {
        OutputFolder parent = OutputFolder.Claim(root, OutputKind.SnapshotRoot);
        string stamp = utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int n = 1; ; n++)
        {
            string name = n == 1 ? stamp : $"{stamp}-{n}";
            string candidate = parent.PathOf(name);
            if (Directory.Exists(candidate) || File.Exists(candidate)) continue;
            return parent.Child(name, OutputKind.Snapshots).Path;
        }
    }
}
