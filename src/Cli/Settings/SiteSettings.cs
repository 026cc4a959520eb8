using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;

namespace OccluNet.Live.Cli.Settings;

/// <summary>
/// The site file's settings put into a command line: a setting applies to every command that has an option of that name,
/// unless the command line gives that option itself (the command line wins; defaults stay where each option declares
/// them). A key no command knows, or a value the option refuses, is one line naming the file's line.
/// </summary>
internal static class SiteSettings
{
    /// <summary>The command line with the site's settings for its command appended.</summary>
    /// <exception cref="SiteFileException">An unknown key, or a value the command's option refuses.</exception>
    public static string[] Apply(RootCommand root, string[] args, SiteFile? site)
    {
        if (site is null) return args;
        CheckKeys(root, site);
        var parsed = root.Parse(args);
        var command = parsed.CommandResult.Command;
        var baseline = parsed.Errors.Select(e => e.Message).ToHashSet();
        var applied = new List<string>(args);
        foreach (var entry in site.Entries)
        {
            if (OptionOf(command, entry.Key) is not { } option || parsed.GetResult(option) is { Implicit: false }) continue;
            string[] tokens = Tokens(site, entry);
            var errors = root.Parse([.. applied, .. tokens]).Errors.Select(e => e.Message).Where(m => !baseline.Contains(m)).ToList();
            if (errors.Count > 0) throw new SiteFileException($"{site.Path}:{entry.Line}: '{entry.Key}': {errors[0]}");
            applied.AddRange(tokens);
        }
        return [.. applied];
    }

    /// <summary>
    /// Every option name a setting may use, with the commands that have it and their default: one entry per distinct
    /// default (`--threads` is 2 in train and cores - 1 in replay), in key order.
    /// </summary>
    public static IEnumerable<(string Key, IReadOnlyList<string> Commands, string? Default)> Known(RootCommand root) =>
        Commands(root, "")
            .SelectMany(c => c.Command.Options.Where(IsSettable).Select(o => (Key: o.Name.TrimStart('-'), c.Path, Default: DefaultOf(o))))
            .GroupBy(x => (x.Key, x.Default))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Default, StringComparer.Ordinal)
            .Select(g => (g.Key.Key, (IReadOnlyList<string>)g.Select(x => x.Path).Distinct().ToList(), g.Key.Default));

    /// <summary>The option of this command (or a recursive one of the root) a setting names.</summary>
    public static Option? OptionOf(Command command, string key) =>
        command.Options.FirstOrDefault(o => IsSettable(o) && o.Name == "--" + key)
        ?? command.Parents.OfType<Command>().SelectMany(p => p.Options).FirstOrDefault(o => o.Recursive && o.Name == "--" + key);

    static void CheckKeys(RootCommand root, SiteFile site)
    {
        var known = Known(root).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in site.Entries.Where(e => !known.Contains(e.Key)))
            throw new SiteFileException($"{site.Path}:{entry.Line}: unknown setting '{entry.Key}' (a setting is an option's long name without --; `occlunet config show` lists them)");
    }

    static string[] Tokens(SiteFile site, SiteEntry entry)
    {
        try { return ["--" + entry.Key, .. entry.Tokens()]; }
        catch (FormatException e) { throw new SiteFileException($"{site.Path}:{entry.Line}: '{entry.Key}': {e.Message}"); }
    }

    static bool IsSettable(Option option) => option is not HelpOption and not VersionOption && option.Name.StartsWith("--", StringComparison.Ordinal);

    /// <summary>The option's default as a site file or command line would spell it (a list: its items, space-separated); null when none.</summary>
    public static string? DefaultOf(Option option) => !option.HasDefaultValue ? null : Spelled(option.GetDefaultValue());

    static string? Spelled(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        string text => text.Length > 0 ? text : null,
        System.Collections.IEnumerable items => string.Join(" ", items.Cast<object?>().Select(Spelled)) is { Length: > 0 } list ? list : null,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null,
    };

    static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path == "" ? "(all)" : path.Trim(), command);
        foreach (var sub in command.Subcommands)
            foreach (var inner in Commands(sub, $"{path} {sub.Name}"))
                yield return inner;
    }
}
