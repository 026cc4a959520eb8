namespace OccluNet.Live.Cli.Commands;

/// <summary>How every command reports a user error: one line on stderr, exit code 2.</summary>
internal static class CliErrors
{
    public const int UserError = ExitCodes.UserError;

    public static int Report(string message)
    {
        Console.Error.WriteLine($"occlunet: {message}");
        return UserError;
    }
}
