using System.CommandLine;
using System.Globalization;
using OccluNet.Live.Cli.Commands;
using Spectre.Console;

namespace OccluNet.Live.Cli.Progress;

/// <summary>
/// The one progress display of every long command. The work reports <see cref="Domain.WorkProgress"/> to the
/// <see cref="ProgressScope"/> it is handed; the display draws it on stderr as a bar (terminal), as periodic lines
/// (redirected) or not at all (--quiet), so stdout and JSON files carry only results. Lines the work writes to
/// <see cref="ProgressScope.Out"/> go to stdout and, in a terminal, appear above the bar.
/// </summary>
internal sealed class ProgressDisplay
{
    /// <summary>Seconds between two progress lines when stderr is redirected (0: a line for every report; the tests use it).</summary>
    public const string IntervalVariable = "OCCLUNET_PROGRESS_SECONDS";

    const double DefaultIntervalSeconds = 10;

    readonly TimeSpan interval;

    ProgressDisplay(ProgressMode mode, TimeSpan interval)
    {
        Mode = mode;
        this.interval = interval;
    }

    public ProgressMode Mode { get; }

    /// <summary>The display for this command line: --quiet, else a bar when stderr is an ANSI terminal, else lines.</summary>
    public static ProgressDisplay For(ParseResult parse)
    {
        var interval = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable(IntervalVariable) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 ? seconds : DefaultIntervalSeconds);
        if (parse.GetValue(CommonOptions.Quiet)) return new ProgressDisplay(ProgressMode.Quiet, interval);
        var capabilities = ErrorConsole.Value.Profile.Capabilities;
        bool terminal = !Console.IsErrorRedirected && capabilities.Ansi && capabilities.Interactive;
        return new ProgressDisplay(terminal ? ProgressMode.Bar : ProgressMode.Lines, interval);
    }

    /// <summary>Runs <paramref name="work"/> with a progress of <paramref name="unit"/> (runs, cases, frames) titled <paramref name="title"/>.</summary>
    public T Run<T>(string title, string unit, Func<ProgressScope, T> work)
    {
        if (Mode != ProgressMode.Bar) return RunPlain(title, unit, work);
        return NewBar().Start(context =>
        {
            using var scope = ProgressScope.OnBar(title, unit, context.AddTask(Markup.Escape(title), maxValue: 1), ErrorConsole.Value, DescriptionWidth);
            return work(scope);
        });
    }

    public void Run(string title, string unit, Action<ProgressScope> work) => Run(title, unit, scope =>
    {
        work(scope);
        return true;
    });

    public async Task<T> RunAsync<T>(string title, string unit, Func<ProgressScope, Task<T>> work)
    {
        if (Mode == ProgressMode.Bar)
            return await NewBar().StartAsync(async context =>
            {
                using var onBar = ProgressScope.OnBar(title, unit, context.AddTask(Markup.Escape(title), maxValue: 1), ErrorConsole.Value, DescriptionWidth);
                return await work(onBar).ConfigureAwait(false);
            }).ConfigureAwait(false);
        using var scope = PlainScope(title, unit);
        var result = await work(scope).ConfigureAwait(false);
        scope.Finish();
        return result;
    }

    T RunPlain<T>(string title, string unit, Func<ProgressScope, T> work)
    {
        using var scope = PlainScope(title, unit);
        var result = work(scope);
        scope.Finish();
        return result;
    }

    ProgressScope PlainScope(string title, string unit) =>
        Mode == ProgressMode.Quiet ? ProgressScope.Silent(title, unit) : ProgressScope.OnLines(title, unit, interval, Console.Error);

    static Spectre.Console.Progress NewBar() => ErrorConsole.Value.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth }, new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn());

    const int BarWidth = 30;

    /// <summary>What the description may take of a line: the rest holds the bar, the percentage and two times (a longer one would wrap and squeeze the bar away).</summary>
    static int DescriptionWidth => Math.Max(20, ErrorConsole.Value.Profile.Width - BarWidth - 28);

    /// <summary>Spectre.Console on stderr (AnsiConsole itself writes to stdout, where the results go).</summary>
    static readonly Lazy<IAnsiConsole> ErrorConsole = new(() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    }));
}
