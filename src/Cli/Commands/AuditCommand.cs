using System.CommandLine;
using OccluNet.Live.Streaming.Audit;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet audit verify FILE|DIR [--key FILE]`: checks audit trails (every audit-*.jsonl of a folder): one line per file,
/// exit 0 when all are intact, 4 when one is not, 2 on bad usage. docs/streaming.md says what is and is not detected.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An audit file, or a folder of them (audit-*.jsonl)." };
        var key = new Option<string?>("--key") { Description = "The site's key file the trails were sealed with (--audit-key): seals are then checked as HMACs." };
        var verify = new Command("verify", "Check audit trails: every line sealed and chained, numbered without gaps, closed by an end record.") { input, key };
        verify.SetAction(parse =>
        {
            string path = parse.GetValue(input)!;
            string[] files = File.Exists(path) ? [path]
                : Directory.Exists(path) ? Directory.GetFiles(path, "audit-*.jsonl").Order(StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length == 0)
                return CliErrors.Report(Directory.Exists(path) ? $"audit verify: no audit-*.jsonl files in {path}" : $"audit verify: {path} is neither a file nor a folder");
            AuditKey? siteKey = null;
            if (parse.GetValue(key) is string keyFile)
            {
                try { siteKey = AuditKey.FromFile(keyFile); }
                catch (InvalidDataException e) { return CliErrors.Report($"audit verify: {e.Message}"); }
            }
            int broken = 0;
            foreach (string file in files)
            {
                AuditVerification result;
                try { result = AuditVerifier.Verify(file, siteKey); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return CliErrors.Report($"audit verify: {file} cannot be read: {e.Message}"); }
                Console.WriteLine(result.IsIntact ? $"intact: {result}" : $"NOT INTACT: {result}");
                if (!result.IsIntact) broken++;
            }
            if (files.Length > 1) Console.WriteLine($"{files.Length - broken} of {files.Length} trails intact");
            return broken == 0 ? ExitCodes.Success : ExitCodes.NotIntact;
        });
        return new Command("audit", "Audit trails of the pipeline commands.") { verify };
    }
}
