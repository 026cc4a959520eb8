using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// TorchSharp's implicit Scalars (<c>x * 0.5</c>, <c>y + 1.0</c>, and the alpha = 1 that <c>a + b</c> makes inside
/// <c>add</c>) are native handles that nothing keeps alive during the native call, so a finaliser running on another
/// thread can free one mid-call ("Exception raised from toFloat", seen in training and once after hours of inference).
/// scalar-stress (ScalarStress/Program.cs) runs the same work both ways while a thread forces collections: small adds,
/// and SGD steps (TorchSharp's optim.SGD.step against NesterovSgd); it runs as a child process because the old way
/// can abort the process.
/// </summary>
[TestFixture]
public sealed partial class ScalarFinaliserTests
{
    [Test]
    public Task ImplicitScalarsFailUnderForcedCollections_ExplicitOnesSurviveTenTimesAsLong() =>
        OldFailsNewSurvivesTenTimesAsLong("implicit", "explicit", atLeast: 100_000);

    /// <summary>TorchSharp's optim.SGD.step (what training ran before NesterovSgd) against NesterovSgd's step.</summary>
    [Test]
    public Task TorchSharpsSgdStepFailsUnderForcedCollections_NesterovSgdSurvivesTenTimesAsLong() =>
        OldFailsNewSurvivesTenTimesAsLong("torch-sgd", "sgd", atLeast: 20_000);

    static async Task OldFailsNewSurvivesTenTimesAsLong(string oldPattern, string newPattern, long atLeast)
    {
        var old = await StressAsync(oldPattern, seconds: 60);
        Assert.That(old.ExitCode, Is.Not.EqualTo(0).And.Not.EqualTo(2), $"the old pattern survived 60 s of forced collections:\n{old.Output}");
        long failedAfter = 0;
        if (old.ExitCode == 1)
        {
            var failed = FailedAfter().Match(old.Output);
            Assert.That(failed.Success, Is.True, old.Output);
            Assert.That(old.Output, Does.Contain("Scalar"), "libtorch's message names the Scalar it read");
            failedAfter = long.Parse(failed.Groups[1].Value);
        }
        // Any other exit code is a native crash (abort or segfault): also the defect.

        long needed = Math.Max(10 * failedAfter, atLeast);
        var now = await StressAsync(newPattern, seconds: 120, iterations: needed);
        Assert.That(now.ExitCode, Is.EqualTo(0), now.Output);
        var survived = Survived().Match(now.Output);
        Assert.That(survived.Success, Is.True, now.Output);
        Assert.That(survived.Groups[1].Value, Is.EqualTo(newPattern), now.Output);
        Assert.That(long.Parse(survived.Groups[2].Value), Is.GreaterThanOrEqualTo(needed),
            $"{newPattern} ran {survived.Groups[2].Value} iterations; {oldPattern} failed after {failedAfter}");
    }

    sealed record Stress(int ExitCode, string Output);

    static async Task<Stress> StressAsync(string pattern, int seconds, long? iterations = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "scalar-stress.dll"), pattern, seconds.ToString() })
            start.ArgumentList.Add(arg);
        if (iterations is long n) start.ArgumentList.Add(n.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The stress stops itself at `seconds`; the margin is for start-up on a loaded machine.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scalar-stress {pattern} did not stop within {seconds + 120} s");
        }
        return new Stress(process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"failed after (\d+) iterations")]
    private static partial Regex FailedAfter();

    [GeneratedRegex(@"^([a-z-]+): (\d+) iterations in [\d.]+ s, no error", RegexOptions.Multiline)]
    private static partial Regex Survived();
}
