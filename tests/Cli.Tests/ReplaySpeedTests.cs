using OccluNet.Live.Cli.Commands;

namespace OccluNet.Live.Cli.Tests;

/// <summary>The <c>--speed</c> value of replay and bench latency.</summary>
[TestFixture]
public sealed class ReplaySpeedTests
{
    [TestCase("max", null)]
    [TestCase("MAX ", null)]
    [TestCase("1", 1.0)]
    [TestCase("2.5", 2.5)]
    public void ReadsMaxAndFactors(string text, double? expected) => Assert.That(ReplaySpeed.Parse(text), Is.EqualTo(expected));

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("fast")]
    [TestCase("Infinity")]
    public void RefusesNonsenseNamingTheOption(string text) =>
        Assert.That(() => ReplaySpeed.Parse(text), Throws.ArgumentException.With.Message.Contains("--speed").And.Message.Contains(text));
}
