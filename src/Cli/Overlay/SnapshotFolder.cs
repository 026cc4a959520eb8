using System.Globalization;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// Where snapshots go, chosen so that a user's files are never written over: a folder named with --snapshots must be
/// new or empty; without it, a headless replay writes into a new timestamped folder under <see cref="DefaultRoot"/>.
/// </summary>
public static class SnapshotFolder
{
    /// <summary>The headless replay's default parent folder (relative to the working directory).</summary>
    public const string DefaultRoot = "replay-snapshots";

    /// <summary>Creates and returns the folder, or null and the reason (one line) when it cannot be used.</summary>
    public static string? Prepare(string? requested, string? defaultRoot, out string? error)
    {
        error = null;
        try
        {
            if (requested is not null) return PrepareRequested(requested, out error);
            if (defaultRoot is null) return null;
            return CreateTimestamped(defaultRoot, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"snapshot folder {requested ?? defaultRoot} cannot be created: {e.Message}";
            return null;
        }
    }

    static string? PrepareRequested(string folder, out string? error)
    {
        error = null;
        if (File.Exists(folder))
        {
            error = $"--snapshots {folder} is a file; give a new or empty folder";
            return null;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            error = $"--snapshots {folder} is not empty; give a new or empty folder (snapshots never write over files)";
            return null;
        }
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>ROOT/20261127-041503 (or -2, -3, ... when a folder of that second exists).</summary>
    public static string CreateTimestamped(string root, DateTime utcNow)
    {
        string stamp = utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int n = 1; ; n++)
        {
            string candidate = Path.Combine(root, n == 1 ? stamp : $"{stamp}-{n}");
            if (Directory.Exists(candidate) || File.Exists(candidate)) continue;
            Directory.CreateDirectory(candidate);
            return candidate;
        }
    }
}
