using System.CommandLine;
using OccluNet.Live.Cli.Settings;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet config show`: every setting a site file may hold, its effective value, and where that came from.</summary>
internal static class ConfigCommand
{
    public static Command Create(RootCommand root)
    {
        var show = new Command("show", $"Print every setting (an option's long name), its value and where it comes from: the site file ({SiteFile.EnvironmentVariable}, else ./occlunet.json) or the option's default.");
        show.SetAction(_ =>
        {
            SiteFile? site;
            try { site = SiteFile.Load(); }
            catch (SiteFileException e) { return CliErrors.Report(e.Message); }
            var (path, _) = SiteFile.Location();
            Console.WriteLine(site is null
                ? $"site file: none ({path} does not exist; {SiteFile.EnvironmentVariable}=FILE names another)"
                : $"site file: {site.Path} ({site.Entries.Count} setting(s)); the command line overrides each");
            Console.WriteLine($"{"setting",-22} {"value",-34} {"from",-22} commands");
            foreach (var setting in SiteSettings.Known(root).GroupBy(k => k.Key, StringComparer.Ordinal))
            {
                // The site's value holds for every command of the key: one line. Else one line per default (commands differ).
                if (site?.Entries.FirstOrDefault(e => e.Key == setting.Key) is { } entry)
                    Line(setting.Key, string.Join(" ", entry.Tokens()), $"{Path.GetFileName(site.Path)}:{entry.Line}", setting.SelectMany(k => k.Commands).Distinct());
                else
                    foreach (var (key, commands, defaultValue) in setting)
                        Line(key, defaultValue ?? "-", defaultValue is null ? "(none)" : "default", commands);
            }
            return ExitCodes.Success;
        });
        return new Command("config", "Site settings (occlunet.json).") { show };
    }

    static void Line(string key, string value, string from, IEnumerable<string> commands) =>
        Console.WriteLine($"{key,-22} {value,-34} {from,-22} {string.Join(", ", commands)}");
}
