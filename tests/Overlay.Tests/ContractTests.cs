using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Overlay.Contract;

namespace OccluNet.Live.Overlay.Tests;

public sealed class ContractTests
{
    [Test]
    public void Voi_window_follows_the_dicom_linear_function()
    {
        var window = new VoiWindow(2048, 4096);
        Assert.That(window.Apply(0), Is.EqualTo(0.0));
        Assert.That(window.Apply(4095), Is.EqualTo(1.0));
        Assert.That(window.Apply(2047.5), Is.EqualTo(0.5).Within(1e-9));
        var narrow = new VoiWindow(100, 11);
        Assert.That(narrow.Apply(94), Is.EqualTo(0.0));
        Assert.That(narrow.Apply(105), Is.EqualTo(1.0));
        Assert.That(narrow.Apply(99.5), Is.EqualTo(0.5).Within(1e-9));
    }

    [TestCase(8)]
    [TestCase(10)]
    [TestCase(12)]
    [TestCase(16)]
    public void Full_range_window_maps_zero_to_black_and_the_largest_stored_value_to_white(int bits)
    {
        var window = VoiWindow.FullRange(bits);
        Assert.That(window.Apply(0), Is.EqualTo(0.0));
        Assert.That(window.Apply((1 << bits) - 1), Is.EqualTo(1.0));
        Assert.That(window.Apply((1 << bits) / 2), Is.EqualTo(0.5).Within(1.0 / (1 << bits)));
    }

    [Test]
    public void Frame_rejects_inconsistent_input_naming_the_frame()
    {
        Assert.That(() => new OverlayFrame(new ushort[10], 4, 4, 12, false, null, 3, TimeSpan.Zero, TimeSpan.Zero),
            Throws.ArgumentException.With.Message.Contains("frame 3").And.Message.Contains("10 pixels for a 4 x 4 image"));
        Assert.That(() => new OverlayFrame(new ushort[16], 4, 4, 17, false, null, 3, TimeSpan.Zero, TimeSpan.Zero),
            Throws.ArgumentException.With.Message.Contains("bits stored 17"));
        Assert.That(() => new OverlayFrame(new ushort[16], 4, 4, 12, false, new VoiWindow(10, 0), 3, TimeSpan.Zero, TimeSpan.Zero),
            Throws.ArgumentException.With.Message.Contains("window width"));
    }

    [Test]
    public void Capture_frame_is_adapted_without_copying_pixels()
    {
        var series = new SeriesInfo("1.2.3", "1.2", "XA", Rows: 2, Columns: 3, BitsStored: 10, IsMonochrome1: true,
            PixelSpacingMm: 0.2, View: "AP", WindowCenter: 512, WindowWidth: 800, SourceName: "run.dcm");
        var pixels = new ushort[] { 1, 2, 3, 4, 5, 6 };
        var frame = OverlayFrame.FromCapture(new Frame(series, 9, TimeSpan.FromSeconds(3), pixels), TimeSpan.FromSeconds(42));
        Assert.That(frame.Pixels, Is.SameAs(pixels));
        Assert.That((frame.Width, frame.Height, frame.BitsStored, frame.IsMonochrome1, frame.Index), Is.EqualTo((3, 2, 10, true, 9)));
        Assert.That(frame.Window, Is.EqualTo(new VoiWindow(512, 800)));
        Assert.That(frame.ReceivedAt, Is.EqualTo(TimeSpan.FromSeconds(42)));
    }

    [Test]
    public void State_keeps_the_latest_of_each_and_moves_its_version()
    {
        var state = new OverlayState();
        var empty = state.Read();
        Assert.That(empty.Frame, Is.Null);
        Assert.That(empty.Status, Is.SameAs(OverlayStatus.Initial));
        var a = TestFrames.Gradient(8, 8, index: 1);
        var b = TestFrames.Gradient(8, 8, index: 2);
        state.PublishFrame(a);
        state.PublishFrame(b);
        var result = new OverlayResult(a, null, TimeSpan.Zero);
        state.PublishResult(result);
        var read = state.Read();
        Assert.That(read.Frame, Is.SameAs(b));
        Assert.That(read.Result, Is.SameAs(result));
        Assert.That(read.Version, Is.GreaterThan(empty.Version));
        state.PublishResult(null);
        Assert.That(state.Read().Result, Is.Null, "a null result clears the AI panel");
    }

    [Test]
    public void Publishers_on_many_threads_never_lose_a_version_and_readers_see_whole_values()
    {
        var state = new OverlayState();
        var frames = Enumerable.Range(0, 4).Select(i => TestFrames.Gradient(4, 4, index: i)).ToArray();
        const int PerThread = 20_000;
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            long last = -1;
            while (!done.IsCancellationRequested)
            {
                var s = state.Read();
                Assert.That(s.Version, Is.GreaterThanOrEqualTo(last));
                last = s.Version;
                if (s.Frame is not null) Assert.That(frames, Does.Contain(s.Frame));
            }
        });
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < PerThread; i++) state.PublishFrame(frames[t]);
        });
        done.Cancel();
        reader.Wait();
        Assert.That(state.Version, Is.EqualTo(4 * PerThread));
    }
}
