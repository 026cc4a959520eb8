using OccluNet.Live.Domain;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Model.Tests;

public sealed class PreprocessingTests
{
    [Test]
    public void TwelveBitFullRangeMapsToZeroOneAndMonochrome1IsInverted()
    {
        var pre = new FramePreprocessor(32, InputNormalisation.Default);
        var stored = Enumerable.Repeat((ushort)4095, 32 * 32).ToArray();
        stored[0] = 0;
        var normal = pre.Prepare(stored, 32, 32, 12, monochrome1: false, out _);
        var inverted = pre.Prepare(stored, 32, 32, 12, monochrome1: true, out _);
        Assert.Multiple(() =>
        {
            Assert.That(normal[0], Is.EqualTo(0f));
            Assert.That(normal[5], Is.EqualTo(1f));
            Assert.That(inverted[0], Is.EqualTo(1f));
            Assert.That(inverted[5], Is.EqualTo(0f));
        });
    }

    [Test]
    public void AuthorsSchemeClipsAt1023()
    {
        var norm = InputNormalisation.AuthorsTenBit;
        Assert.Multiple(() =>
        {
            Assert.That(norm.Apply(511.5f, 12, false), Is.EqualTo(0.5f).Within(1e-6));
            Assert.That(norm.Apply(4000f, 12, false), Is.EqualTo(1f));
        });
    }

    [Test]
    public void WideImageIsLetterboxedTopLeftWithPadAndBoxesMapBack()
    {
        // 128 x 64 ramp into 64: scale 0.5, content 64 x 32 on top, pad below.
        int w = 128, h = 64;
        var stored = new ushort[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) stored[y * w + x] = (ushort)(x * 8);
        var pre = new FramePreprocessor(64, InputNormalisation.Default);
        var input = pre.Prepare(stored, w, h, 10, false, out var letterbox);
        Assert.Multiple(() =>
        {
            Assert.That(letterbox.Scale, Is.EqualTo(0.5f));
            // Output column 10 samples source x = 20.5 (half-pixel centres): value 8 * 20.5 = 164 of 1023.
            Assert.That(input[5 * 64 + 10], Is.EqualTo(164f / 1023f).Within(1e-6));
            Assert.That(input[40 * 64 + 10], Is.EqualTo(114f / 255f), "padding below the content");
            Assert.That(letterbox.ToImage(new Box(10, 10, 20, 20)), Is.EqualTo(new Box(20, 20, 40, 40)));
        });
    }

    [Test]
    public void BadFramesAreRefusedWithTheReason()
    {
        var pre = new FramePreprocessor(64, InputNormalisation.Default);
        Assert.Multiple(() =>
        {
            Assert.That(() => pre.Prepare(new ushort[10], 4, 4, 12, false, out _), Throws.ArgumentException.With.Message.Contains("4 x 4"));
            Assert.That(() => pre.Prepare(new ushort[16], 4, 4, 17, false, out _), Throws.ArgumentException.With.Message.Contains("bits stored"));
            Assert.That(() => new FramePreprocessor(100, InputNormalisation.Default), Throws.ArgumentException.With.Message.Contains("multiple of 32"));
        });
    }
}
