using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Overlay.Replay;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>The pure parts of the view: fade, layout, texts, keys.</summary>
public sealed class PresentationTests
{
    [Test]
    public void Fade_is_full_then_linear_then_gone()
    {
        var fade = new ResultFade(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 0.25f);
        Assert.That(fade.OpacityAt(TimeSpan.Zero), Is.EqualTo(1f));
        Assert.That(fade.OpacityAt(TimeSpan.FromSeconds(1)), Is.EqualTo(1f));
        Assert.That(fade.OpacityAt(TimeSpan.FromSeconds(2)), Is.EqualTo(0.625f).Within(1e-6));
        Assert.That(fade.OpacityAt(TimeSpan.FromSeconds(2.999)), Is.GreaterThan(0.25f));
        Assert.That(fade.OpacityAt(TimeSpan.FromSeconds(3)), Is.Zero);
        Assert.That(() => new ResultFade(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)).Validate(), Throws.ArgumentException);
    }

    [Test]
    public void Layout_for_an_image_size_shows_it_one_to_one_beside_itself()
    {
        var (w, h) = OverlayLayout.SizeFor(160, 120);
        var layout = OverlayLayout.For(w, h);
        Assert.That(layout.LivePanel.Fit(160, 120), Is.EqualTo(layout.LivePanel));
        Assert.That((layout.LivePanel.Width, layout.LivePanel.Height), Is.EqualTo((160, 120)));
        Assert.That((layout.AiPanel.Width, layout.AiPanel.Height), Is.EqualTo((160, 120)));
        Assert.That(layout.AiPanel.X - layout.LivePanel.Right, Is.EqualTo(OverlayLayout.Gap));
        Assert.That(layout.StatusStrip.Bottom, Is.EqualTo(h));
    }

    [TestCase(400, 100, 1024, 1024)]
    [TestCase(100, 400, 1024, 1024)]
    [TestCase(300, 300, 1024, 512)]
    public void Fit_keeps_the_aspect_and_centres(int panelWidth, int panelHeight, int imageWidth, int imageHeight)
    {
        var fit = new PixelRect(10, 20, panelWidth, panelHeight).Fit(imageWidth, imageHeight);
        Assert.That((double)fit.Width / fit.Height, Is.EqualTo((double)imageWidth / imageHeight).Within(0.02));
        Assert.That(fit.Width == panelWidth || fit.Height == panelHeight, Is.True, "fills one dimension");
        Assert.That(Math.Abs((fit.X - 10) - (10 + panelWidth - fit.Right)), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Status_line_names_state_model_device_frame_fps_latency_and_skips()
    {
        var status = new OverlayStatus(AiState.Running, "occlunet-s@1a2b", "cuda:0", 42, 3.96, TimeSpan.FromMilliseconds(187.4), 2, IsReplay: true);
        string text = StatusLine.Format(status, null);
        Assert.That(text, Does.StartWith("REPLAY"));
        foreach (var part in new[] { "AI running", "occlunet-s@1a2b on cuda:0", "frame 42", "4.0 fps", "latency 187 ms", "skipped 2" })
            Assert.That(text, Does.Contain(part));
        Assert.That(StatusLine.Format(new OverlayStatus(AiState.Unavailable, Detail: "CUDA lost"), null), Does.StartWith("AI unavailable (CUDA lost)"));
        Assert.That(StatusLine.Format(OverlayStatus.Initial, null), Does.Contain("waiting"));
        string longDetail = new string('x', 200);
        Assert.That(StatusLine.Format(new OverlayStatus(AiState.Unavailable, Detail: longDetail), null), Does.StartWith("AI unavailable (" + new string('x', 59) + "…)"));
        Assert.That(StatusLine.Format(new OverlayStatus(AiState.Stale), null), Does.Contain("delayed"));
    }

    [Test]
    public void Box_label_and_ai_caption_carry_class_confidence_frame_and_age()
    {
        var detection = new OverlayDetection(new Box(1, 2, 3, 4), "M2", 0.734f);
        Assert.That(StatusLine.BoxLabel(detection, TimeSpan.FromSeconds(1.26)), Is.EqualTo("M2 73%  1.3 s"));
        var frame = TestFrames.Gradient(4, 4, index: 10);
        var live = TestFrames.Gradient(4, 4, index: 12);
        string caption = StatusLine.AiCaption(new OverlayResult(frame, detection, TimeSpan.Zero), live, TimeSpan.FromSeconds(0.5), cleared: false);
        Assert.That(caption, Does.Contain("frame 10").And.Contain("(2 behind)").And.Contain("age 0.5 s").And.Contain("no finding"));
        var finding = TestFrames.Finding(new Box(1, 2, 3, 4), TimeSpan.Zero, runEnded: true);
        Assert.That(StatusLine.FindingLabel(finding, TimeSpan.FromSeconds(2.31)), Is.EqualTo("RUN FINDING  M1 87%  frames 4-8  2.3 s, run ended"));
        Assert.That(StatusLine.AiCaption(new OverlayResult(frame, null, TimeSpan.Zero), live, TimeSpan.FromSeconds(9), cleared: true, finding: finding),
            Does.Contain("newest result expired").And.Contain("run ended, finding kept"));
    }

    [TestCase(0f, 0f, 5f, 5f, true)]       // ends inside
    [TestCase(-5f, 12f, 25f, 12f, true)]   // crosses through
    [TestCase(-5f, -5f, -1f, 30f, false)]  // passes beside
    [TestCase(0f, 30f, 30f, 25f, false)]   // passes below
    public void Path_segments_that_touch_the_box_are_found(float ax, float ay, float bx, float by, bool meets) =>
        Assert.That(PathGeometry.SegmentMeetsBox((ax, ay), (bx, by), new Box(2, 2, 20, 20)), Is.EqualTo(meets));

    [TestCase(ReplayKeyMap.Space, ReplayCommand.TogglePause)]
    [TestCase(ReplayKeyMap.Right, ReplayCommand.StepForward)]
    [TestCase(ReplayKeyMap.Left, ReplayCommand.StepBack)]
    [TestCase(ReplayKeyMap.Equal, ReplayCommand.SpeedUp)]
    [TestCase(ReplayKeyMap.KeypadAdd, ReplayCommand.SpeedUp)]
    [TestCase(ReplayKeyMap.Minus, ReplayCommand.SlowDown)]
    [TestCase(ReplayKeyMap.KeypadSubtract, ReplayCommand.SlowDown)]
    [TestCase(ReplayKeyMap.L, ReplayCommand.ToggleLoop)]
    [TestCase(ReplayKeyMap.Q, ReplayCommand.Quit)]
    [TestCase(ReplayKeyMap.Escape, ReplayCommand.Quit)]
    [TestCase(ReplayKeyMap.H, ReplayCommand.ToggleAiMarks)]
    [TestCase(ReplayKeyMap.C, ReplayCommand.ClearFinding)]
    public void Keys_map_to_replay_commands(int key, ReplayCommand expected) =>
        Assert.That(ReplayKeyMap.Map(key), Is.EqualTo(expected));

    [Test]
    public void Replay_controls_follow_the_commands()
    {
        var controls = new ReplayControls();
        (controls, var step) = controls.Apply(ReplayCommand.TogglePause);
        Assert.That((controls.Paused, step), Is.EqualTo((true, ReplayStep.None)));
        (controls, _) = controls.Apply(ReplayCommand.TogglePause);
        (controls, step) = controls.Apply(ReplayCommand.StepForward);
        Assert.That((controls.Paused, step), Is.EqualTo((true, ReplayStep.Forward)), "stepping pauses");
        (_, step) = controls.Apply(ReplayCommand.StepBack);
        Assert.That(step, Is.EqualTo(ReplayStep.Back));
        for (int i = 0; i < 10; i++) controls = controls.Apply(ReplayCommand.SpeedUp).Controls;
        Assert.That(controls.Speed, Is.EqualTo(8.0), "speed stops at the top of the ladder");
        (controls, _) = controls.Apply(ReplayCommand.SlowDown);
        Assert.That(controls.Speed, Is.EqualTo(4.0));
        for (int i = 0; i < 10; i++) controls = controls.Apply(ReplayCommand.SlowDown).Controls;
        Assert.That(controls.Speed, Is.EqualTo(0.25));
        (controls, _) = controls.Apply(ReplayCommand.ToggleLoop);
        Assert.That(controls.Loop, Is.True);
        Assert.That(controls.Apply(ReplayCommand.Quit).Step, Is.EqualTo(ReplayStep.Quit));
        Assert.That(controls.ToString(), Is.EqualTo("0.25x paused loop"));
        var status = new OverlayStatus(AiState.Running, IsReplay: true, Playback: new ReplayControls(Speed: 2));
        Assert.That(StatusLine.Format(status, null), Does.StartWith("REPLAY 2x  ·"));
    }

    [Test]
    public void Other_keys_do_nothing() => Assert.That(ReplayKeyMap.Map(65 /* A */), Is.Null);
}
