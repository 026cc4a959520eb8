using System.Text;

namespace OccluNet.Live.Domain;

/// <summary>
/// The one rule for every folder the tool writes into (recordings, audit trails, snapshots, and any later output):
/// <list type="bullet">
/// <item>a folder is claimed before anything is read: it must be new, empty, or (for a reusable kind) one this tool
/// marked as its own kind (a hidden marker file); anything else (a user's folder, <c>/</c>, a file) is refused;</item>
/// <item>files are created only as plain names inside it (no separators, no <c>..</c>), with
/// <see cref="FileMode.CreateNew"/>: nothing that exists is ever overwritten, nothing is written outside it;</item>
/// <item>every I/O failure (a file where the folder should be, no permission, a read-only disk) becomes an
/// <see cref="OutputFolderException"/> whose message is one line naming the folder (the commands turn it into exit 2).</item>
/// </list>
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The marker a claimed folder holds; its content is the kind's name.</summary>
    public const string MarkerName = ".occlunet-output";

    OutputFolder(string path, OutputKind kind)
    {
        Path = path;
        Kind = kind;
    }

    public string Path { get; }
    public OutputKind Kind { get; }

    /// <summary>Creates or takes over <paramref name="path"/> for <paramref name="kind"/> by the rule above.</summary>
    /// <exception cref="OutputFolderException">The folder is refused or cannot be written.</exception>
    public static OutputFolder Claim(string path, OutputKind kind)
    {
        string where = $"{kind.Option} {path}";
        return Guard(where, () =>
        {
            if (File.Exists(path)) throw new OutputFolderException($"{where} is a file; give a new or empty folder");
            if (Directory.Exists(path))
            {
                bool empty = !Directory.EnumerateFileSystemEntries(path).Any();
                if (!empty && !(kind.Reusable && (OwnerOf(path) == kind.Name || IsAdoptable(path, kind))))
                    throw new OutputFolderException(OwnerOf(path) == kind.Name
                        ? $"{where} already holds a {kind.Name}; give a new or empty folder (nothing is written over)"
                        : $"{where} is not empty and is not a {kind.Name} folder of occlunet; give a new or empty folder (nothing is written over)");
            }
            else Directory.CreateDirectory(path);
            var folder = new OutputFolder(path, kind);
            // Writing the marker proves the folder is writable before any frame is read.
            if (OwnerOf(path) is null) folder.WriteMarker();
            return folder;
        });
    }

    /// <summary>
    /// Opens a folder this tool claimed before for <paramref name="kind"/> (its marker names the kind) to carry on
    /// writing into it, as a resumed drill session does; a folder without that marker (a user's) is refused.
    /// </summary>
    /// <exception cref="OutputFolderException">No such folder, or not one of this kind.</exception>
    public static OutputFolder Reopen(string path, OutputKind kind)
    {
        string where = $"{kind.Option} {path}";
        return Guard(where, () => Directory.Exists(path) && OwnerOf(path) == kind.Name
            ? new OutputFolder(path, kind)
            : throw new OutputFolderException($"{where} is not a {kind.Name} folder of occlunet (no such folder, or no {MarkerName} naming it)"));
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>
    /// Writes <paramref name="name"/> whole, replacing a file of that name: only for a file the caller itself wrote into
    /// this folder (a session file kept up to date, a resumed session's report), never a user's. Written beside it
    /// first and moved over it, so that a crash leaves the old file or the new one, never half of one.
    /// </summary>
    public void Replace(string name, ReadOnlySpan<byte> content)
    {
        string path = PathOf(name), partial = PathOf(name + ".partial");
        byte[] bytes = content.ToArray();
        Guard($"{Kind.Option} {Path}", () =>
        {
            File.WriteAllBytes(partial, bytes);
            File.Move(partial, path, overwrite: true);
            return true;
        });
    }

    /// <summary>A new child folder of this one (for kinds that nest, such as a run's frames), claimed by the same rule.</summary>
    public OutputFolder Child(string name, OutputKind kind) => Claim(PathOf(name), kind);

    /// <summary>Opens a new file <paramref name="name"/> in the folder for writing; fails (one line) when it exists.</summary>
    public FileStream CreateNew(string name, FileShare share = FileShare.Read) =>
        Guard($"{Kind.Option} {Path}", () => new FileStream(PathOf(name), FileMode.CreateNew, FileAccess.Write, share));

    /// <summary>The full path of <paramref name="name"/> inside the folder; a name that would leave the folder is refused.</summary>
    public string PathOf(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new OutputFolderException($"{Kind.Option} {Path}: '{name}' is not a plain file name inside the folder");
        return System.IO.Path.Combine(Path, name);
    }

    /// <summary>Runs an I/O action and turns any failure into one line naming <paramref name="where"/>.</summary>
    public static T Guard<T>(string where, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (OutputFolderException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new OutputFolderException($"{where}: {OneLine(e.Message)}", e);
        }
    }

    void WriteMarker()
    {
        using var marker = CreateNew(MarkerName);
        marker.Write(Encoding.UTF8.GetBytes(Kind.Name + "\n"));
    }

    static string? OwnerOf(string path)
    {
        string marker = System.IO.Path.Combine(path, MarkerName);
        return File.Exists(marker) ? File.ReadAllText(marker).Trim() : null;
    }

    static bool IsAdoptable(string path, OutputKind kind) =>
        kind.Adopts is string pattern && OwnerOf(path) is null &&
        Directory.EnumerateFileSystemEntries(path).Count() == Directory.EnumerateFileSystemEntries(path, pattern).Count();

    static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
