using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;

namespace OccluNet.Live.Model.Tests;

/// <summary>The one window rule (<see cref="TemporalWindow"/>) that training, evaluation, the pipeline and both engines ask.</summary>
public sealed class TemporalWindowTests
{
    [Test]
    public void WindowPositionsReplicateTheEdges()
    {
        var centred = new TemporalWindow(3, WindowMode.Centred);
        var causal = new TemporalWindow(3, WindowMode.Causal);
        Assert.Multiple(() =>
        {
            Assert.That(centred.Positions(0, 5), Is.EqualTo(new[] { 0, 0, 1 }));
            Assert.That(centred.Positions(2, 5), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(centred.Positions(4, 5), Is.EqualTo(new[] { 3, 4, 4 }));
            Assert.That(causal.Positions(0, 5), Is.EqualTo(new[] { 0, 0, 0 }));
            Assert.That(causal.Positions(1, 5), Is.EqualTo(new[] { 0, 0, 1 }));
            Assert.That(causal.Positions(4, 5), Is.EqualTo(new[] { 2, 3, 4 }));
            Assert.That(centred.LookAhead, Is.EqualTo(1));
            Assert.That(causal.LookAhead, Is.Zero);
        });
    }

    /// <summary>
    /// Output index and look-ahead agree with the positions for every window length the rule accepts: the output frame
    /// sits at the output index, and the newest frame the window reads is exactly look-ahead frames after it.
    /// </summary>
    [Test]
    public void OutputIndexAndLookAheadAgreeWithThePositions()
    {
        var windows = new[] { 1, 3, 5, 7 }.Select(n => new TemporalWindow(n, WindowMode.Centred))
            .Concat(Enumerable.Range(1, 7).Select(n => new TemporalWindow(n, WindowMode.Causal))).ToArray();
        Assert.That(windows, Has.Length.EqualTo(11));
        Assert.Multiple(() =>
        {
            foreach (var window in windows)
            {
                var positions = window.Positions(10, 30);
                Assert.That(positions, Has.Length.EqualTo(window.Length), window.ToString());
                Assert.That(positions[window.OutputIndex], Is.EqualTo(10), window.ToString());
                Assert.That(positions[^1] - 10, Is.EqualTo(window.LookAhead), window.ToString());
                Assert.That(window.Mode == WindowMode.Causal ? window.LookAhead == 0 : window.LookAhead == window.OutputIndex, window.ToString());
            }
        });
    }

    [Test]
    public void ACentredWindowOfEvenLengthOrAnEmptyWindowIsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new TemporalWindow(4, WindowMode.Centred), Throws.ArgumentException.With.Message.Contains("odd length"));
            Assert.That(() => new TemporalWindow(0, WindowMode.Causal), Throws.ArgumentException.With.Message.Contains("at least 1"));
            Assert.That(new TemporalWindow(4, WindowMode.Causal).LookAhead, Is.Zero);
            Assert.That(() => new TemporalConfig(WindowLength: 4).Validate(), Throws.ArgumentException.With.Message.Contains("odd length"));
            Assert.That(() => new OccluNetModel(new OccluNetConfig(TinyModels.Scale, 1, new TemporalConfig(WindowLength: 2))),
                Throws.ArgumentException.With.Message.Contains("odd length"));
        });
    }

    [Test]
    public void ALoadedDetectorAnswersWithTheRuleOfItsConfig()
    {
        foreach (var mode in new[] { WindowMode.Centred, WindowMode.Causal })
        {
            var config = TinyModels.Config(TemporalVariant.OccluNet1, mode);
            Assert.That(TemporalWindow.Of(TinyModels.Info(config)), Is.EqualTo(config.Temporal.Window), mode.ToString());
        }
        Assert.That(new TemporalWindow(3, WindowMode.Centred).ToString(), Is.EqualTo("3 centred"));
    }
}
