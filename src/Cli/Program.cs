using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Cli.Settings;

// Ctrl-C/SIGTERM cancel the command's token from the first line on (Interruption says why not System.CommandLine's).
using var interruption = new Interruption();

// occlunet: one sub-command per job (Commands/CommandTree).
var root = CommandTree.Build();

// A site file's settings (occlunet.json) go in as if typed, after what the user typed (docs/settings.md).
try { args = SiteSettings.Apply(root, args, SiteFile.Load()); }
catch (SiteFileException e) { return CliErrors.Report(e.Message); }
return await root.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Token);
