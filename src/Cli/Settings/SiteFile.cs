using System.Text.Json;

namespace OccluNet.Live.Cli.Settings;

/// <summary>One setting of the site file: the option it sets (its long name without "--"), its value, and its line.</summary>
internal sealed record SiteEntry(string Key, JsonElement Value, int Line)
{
    /// <summary>The value as the command line would spell it: strings as they are, numbers invariant, arrays one token per item.</summary>
    public IReadOnlyList<string> Tokens() => Value.ValueKind switch
    {
        JsonValueKind.Array => Value.EnumerateArray().Select(Token).ToList(),
        _ => [Token(Value)],
    };

    static string Token(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw new FormatException($"a JSON {value.ValueKind.ToString().ToLowerInvariant()} is not a setting's value (give a string, number, true/false or a list)"),
    };
}

/// <summary>
/// A site's settings file (<c>occlunet.json</c>): one JSON object whose keys are the commands' long option names
/// without "--" (`"device": "cpu"`, `"uid-root": "1.2.826..."`). Read once; every problem is one line naming the file and
/// the line.
/// </summary>
internal sealed class SiteFile
{
    /// <summary>The environment variable naming the file; without it, <c>occlunet.json</c> in the working directory.</summary>
    public const string EnvironmentVariable = "OCCLUNET_CONFIG";

    SiteFile(string path, IReadOnlyList<SiteEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    public string Path { get; }
    public IReadOnlyList<SiteEntry> Entries { get; }

    /// <summary>Where the site file is looked for, and whether it must exist (named by the variable: yes).</summary>
    public static (string Path, bool Required) Location() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named ? (named, true) : (System.IO.Path.GetFullPath("occlunet.json"), false);

    /// <summary>The site file, or null when there is none where one is only looked for.</summary>
    /// <exception cref="SiteFileException">It cannot be read, is not a JSON object of settings, or names a key twice.</exception>
    public static SiteFile? Load()
    {
        var (path, required) = Location();
        if (!File.Exists(path))
            return required ? throw new SiteFileException($"{path}: no such file ({EnvironmentVariable} names it)") : null;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new SiteFileException($"{path}: cannot be read ({e.Message})"); }
        return Parse(path, text);
    }

    public static SiteFile Parse(string path, string text)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new SiteFileException($"{path}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" Path:")[0]})"); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SiteFileException($"{path}:1: the settings must be one JSON object {{\"option\": value, ...}}");
            var lines = text.Split('\n');
            var entries = new List<SiteEntry>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                int line = LineOf(lines, property.Name, entries.Count(e => e.Key == property.Name));
                if (entries.Any(e => e.Key == property.Name)) throw new SiteFileException($"{path}:{line}: '{property.Name}' is set twice");
                entries.Add(new SiteEntry(property.Name, property.Value.Clone(), line));
            }
            return new SiteFile(path, entries);
        }
    }

    /// <summary>The 1-based line of the key's (n+1)-th occurrence as a quoted name followed by a colon.</summary>
    static int LineOf(string[] lines, string key, int occurrence)
    {
        string quoted = JsonSerializer.Serialize(key);
        for (int i = 0, seen = 0; i < lines.Length; i++)
        {
            int at = lines[i].IndexOf(quoted, StringComparison.Ordinal);
            if (at >= 0 && lines[i].AsSpan(at + quoted.Length).TrimStart().StartsWith(":") && seen++ == occurrence) return i + 1;
        }
        return 1;
    }
}

/// <summary>A site file that cannot be used; the message is the one line the user sees (file:line: what).</summary>
internal sealed class SiteFileException(string message) : Exception(message);
