using OccluNet.Live.Capture.Images;

namespace OccluNet.Live.Capture.Tests;

public sealed class ImageFileTests
{
    static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "occlunet-image-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    static GrayImage Ramp(int width, int height, int depth) =>
        new(width, height, depth, Enumerable.Range(0, width * height).Select(i => (ushort)((i * 7919L) % (1 << depth))).ToArray());

    [TestCase(8)]
    [TestCase(16)]
    public void PngKeepsEveryValueAtItsDepth(int depth)
    {
        var path = Temp("frame_0001.png");
        var image = Ramp(37, 21, depth);
        ImageFile.WritePng(path, image);
        var read = ImageFile.Read(path);
        Assert.That((read.Width, read.Height, read.BitDepth), Is.EqualTo((37, 21, depth)));
        Assert.That(read.Pixels, Is.EqualTo(image.Pixels));
        Assert.That(ImageFile.ReadHeader(path), Is.EqualTo(new ImageHeader(37, 21, depth)));
    }

    [Test]
    public void JpegIsAnEightBitGreyImageCloseToItsSource()
    {
        var path = Temp("frame_0001.jpg");
        var pixels = new ushort[64 * 48];
        for (int y = 0; y < 48; y++)
        for (int x = 0; x < 64; x++) pixels[y * 64 + x] = (ushort)(x * 4);
        ImageFile.WriteJpeg(path, new GrayImage(64, 48, 8, pixels), quality: 95);
        var read = ImageFile.Read(path);
        Assert.That((read.Width, read.Height, read.BitDepth), Is.EqualTo((64, 48, 8)));
        Assert.That(read.Pixels, Has.Length.EqualTo(pixels.Length));
        Assert.That(read.Pixels.Zip(pixels).Max(p => Math.Abs(p.First - p.Second)), Is.LessThanOrEqualTo(4));
        Assert.That(() => ImageFile.WriteJpeg(Temp("x.jpg"), Ramp(8, 8, 16)), Throws.ArgumentException.With.Message.Contains("8 bits"));
    }

    [Test]
    public void DamagedFilesAreNamed()
    {
        var jpeg = Temp("broken.jpg");
        ImageFile.WriteJpeg(jpeg, Ramp(32, 32, 8));
        File.WriteAllBytes(jpeg, File.ReadAllBytes(jpeg)[..40]);
        Assert.That(() => ImageFile.Read(jpeg), Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith(jpeg + ": "));
        var png = Temp("broken.png");
        ImageFile.WritePng(png, Ramp(32, 32, 16));
        File.WriteAllBytes(png, File.ReadAllBytes(png)[..60]);
        Assert.That(() => ImageFile.Read(png), Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith(png + ": "));
        var text = Temp("notes.jpg");
        File.WriteAllText(text, "hello");
        Assert.That(() => ImageFile.Read(text), Throws.InstanceOf<InvalidDataException>().With.Message.EqualTo(text + ": neither a JPEG nor a PNG file"));
    }
}
