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

    /// <summary>Every option name a setting may use, with the commands that have it and its default.</summary>
    public static IEnumerable<(string Key, IReadOnlyList<string> Commands, string? Default)> Known(RootCommand root) =>
        Commands(root, "")
            .SelectMany(c => c.Command.Options.Where(IsSettable).Select(o => (Key: o.Name.TrimStart('-'), c.Path, Option: o)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(x => x.Path).Distinct().ToList(), DefaultOf(g.First().Option)));

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

    static string? DefaultOf(Option option) => !option.HasDefaultValue ? null : option.GetDefaultValue() switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        var value => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null,
    };

    static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path == "" ? "(all)" : path.Trim(), command);
        foreach (var sub in command.Subcommands)
            foreach (var inner in Commands(sub, $"{path} {sub.Name}"))
                yield return inner;
    }
}
