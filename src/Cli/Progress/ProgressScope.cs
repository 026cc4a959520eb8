using System.Diagnostics;
using System.Globalization;
using OccluNet.Live.Domain;
using Spectre.Console;

namespace OccluNet.Live.Cli.Progress;

/// <summary>
/// One piece of long work's progress, as <see cref="ProgressDisplay"/> hands it to the work: report to it, and write the
/// command's own output lines to <see cref="Out"/> (stdout; above the bar in a terminal). Safe to report from any thread.
/// </summary>
internal sealed class ProgressScope : IProgress<WorkProgress>, IDisposable
{
    readonly string title;
    readonly string unit;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Lock gate = new();
    readonly ProgressTask? bar;
    readonly TextWriter? lines;
    readonly TimeSpan interval;
    readonly int barText;
    TimeSpan? lastLine;
    (int Done, TimeSpan At)? first;
    WorkProgress? unwritten;

    ProgressScope(string title, string unit, ProgressTask? bar, TextWriter? lines, TimeSpan interval, TextWriter output, int barText = 0)
    {
        this.barText = barText;
        this.title = title;
        this.unit = unit;
        this.bar = bar;
        this.lines = lines;
        this.interval = interval;
        Out = output;
    }

    /// <summary>The command's output lines (stdout): in a terminal they print above the bar instead of through it.</summary>
    public TextWriter Out { get; }

    /// <param name="barText">Characters the bar's description may take.</param>
    public static ProgressScope OnBar(string title, string unit, ProgressTask bar, IAnsiConsole console, int barText) =>
        new(title, unit, bar, null, TimeSpan.Zero, Console.IsOutputRedirected ? Console.Out : new ConsoleLineWriter(console), barText);

    public static ProgressScope OnLines(string title, string unit, TimeSpan interval, TextWriter lines) =>
        new(title, unit, null, lines, interval, Console.Out);

    public static ProgressScope Silent(string title, string unit) => new(title, unit, null, null, TimeSpan.Zero, Console.Out);

    public void Report(WorkProgress value)
    {
        lock (gate)
        {
            this.first ??= (value.Done, clock.Elapsed);
            if (bar is not null)
            {
                bar.MaxValue = Math.Max(1, value.Total);
                bar.Value = Math.Min(value.Done, bar.MaxValue);
                var text = Text(value, withTimes: false);
                bar.Description = Markup.Escape(text.Length <= barText ? text : text[..(barText - 1)] + "…");
            }
            else if (lines is not null)
            {
                var now = clock.Elapsed;
                bool due = lastLine is null || value.Done >= value.Total || now - lastLine >= interval;
                if (!due)
                {
                    unwritten = value;
                    return;
                }
                lines.WriteLine(Text(value, withTimes: true));
                lastLine = now;
                unwritten = null;
            }
        }
    }

    /// <summary>Work done: a line for the last report if the period held it back.</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (unwritten is { } last) lines?.WriteLine(Text(last, withTimes: true));
            unwritten = null;
        }
    }

    public void Dispose() => Out.Flush();

    /// <summary>
    /// "eval: 12/150 runs (8 %), elapsed 00:00:14, eta 00:02:41 | ph0012 | occlunet1 40.1 frames/s" (a line) or
    /// "eval 12/150 runs | ph0012 | ..." (the bar's description; the bar shows percentage and times itself).
    /// </summary>
    string Text(WorkProgress p, bool withTimes)
    {
        var text = new System.Text.StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"{title}{(withTimes ? ":" : "")} {p.Done}/{p.Total} {unit}");
        if (withTimes)
        {
            var elapsed = clock.Elapsed;
            text.Append(culture, $" ({(p.Total > 0 ? 100.0 * p.Done / p.Total : 0):0} %), elapsed {Clock(elapsed)}");
            // The pace since the first report: work done before it (a resumed training, a case just started) is not this run's.
            if (this.first is { } first && p.Done > first.Done && p.Total >= p.Done)
                text.Append(culture, $", eta {Clock((elapsed - first.At) * ((double)(p.Total - p.Done) / (p.Done - first.Done)))}");
            text.Insert(0, string.Create(culture, $"[{DateTime.UtcNow:HH:mm:ss}] "));
        }
        if (p.Item.Length > 0) text.Append(" | ").Append(p.Item);
        if (p.Detail.Length > 0) text.Append(" | ").Append(p.Detail);
        return text.ToString();
    }

    static string Clock(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");

    /// <summary>Whole lines through Spectre's console, which clears the live bar, prints the line and draws the bar again below it.</summary>
    sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        readonly System.Text.StringBuilder pending = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            lock (pending)
            {
                if (value == '\n')
                {
                    console.WriteLine(pending.ToString().TrimEnd('\r'));
                    pending.Clear();
                }
                else pending.Append(value);
            }
        }

        public override void Flush()
        {
            lock (pending)
            {
                if (pending.Length == 0) return;
                console.WriteLine(pending.ToString());
                pending.Clear();
            }
        }
    }
}
