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
            foreach (var (key, commands, defaultValue) in SiteSettings.Known(root))
            {
                var entry = site?.Entries.FirstOrDefault(e => e.Key == key);
                string value = entry is not null ? string.Join(" ", entry.Tokens()) : defaultValue ?? "-";
                string from = entry is not null ? $"{Path.GetFileName(site!.Path)}:{entry.Line}" : defaultValue is null ? "(none)" : "default";
                Console.WriteLine($"{key,-22} {value,-34} {from,-22} {string.Join(", ", commands)}");
            }
            return ExitCodes.Success;
        });
        return new Command("config", "Site settings (occlunet.json).") { show };
    }
}
