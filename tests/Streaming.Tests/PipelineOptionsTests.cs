using System.Threading.Channels;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Tests;

public sealed class PipelineOptionsTests
{
    [Test]
    public void Validate_Presets_AreValid()
    {
        Assert.DoesNotThrow(() => PipelineOptions.Live.Validate());
        Assert.DoesNotThrow(() => PipelineOptions.Lossless.Validate());
        Assert.That(PipelineOptions.Lossless.Windows, Is.EqualTo(WindowPolicy.EveryWindow));
    }

    [TestCase(0, BoundedChannelFullMode.Wait, "capacity")]
    [TestCase(4, BoundedChannelFullMode.DropWrite, "full mode")]
    [TestCase(4, BoundedChannelFullMode.DropNewest, "full mode")]
    public void Validate_BadFrameQueue_NamesTheEdge(int capacity, BoundedChannelFullMode mode, string what)
    {
        var options = PipelineOptions.Live with { FrameQueue = new QueueOptions(capacity, mode) };
        Assert.That(() => options.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("FrameQueue").And.Message.Contains(what));
    }

    [Test]
    public void Validate_DroppingSinkQueue_IsRefused()
    {
        var options = PipelineOptions.Live with { SinkQueue = new QueueOptions(8, BoundedChannelFullMode.DropOldest) };
        Assert.That(() => options.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("holes"));
    }

    [Test]
    public void Validate_NonPositiveTimes_AreRefused()
    {
        Assert.That(() => (PipelineOptions.Live with { StaleAfter = TimeSpan.Zero }).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("StaleAfter"));
        Assert.That(() => (PipelineOptions.Live with { StallTimeout = TimeSpan.FromSeconds(-1) }).Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("StallTimeout"));
    }

    [Test]
    public void Status_Text_SaysWhatTheStripShows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PipelineStatus.Initial.Text, Is.EqualTo("waiting for frames"));
            Assert.That(new PipelineStatus(SourceState.Receiving, AiState.Unavailable, 3, 1, 0, "boom").Text, Is.EqualTo("AI unavailable: boom"));
            Assert.That(new PipelineStatus(SourceState.Receiving, AiState.Running, 3, 2, 0, null).Text, Is.EqualTo("AI running"));
        });
    }
}
