using Microsoft.Extensions.Logging;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Tests.Writing;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Capture.Tests.Sources;

[TestFixture]
public sealed class DropFolderSourceTests : TempFolderTest
{
    static readonly DropFolderOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(20), SettleTime = TimeSpan.FromMilliseconds(150) };

    static byte[] Bytes(XaRunToWrite run)
    {
        using var stream = new MemoryStream();
        XaMultiFrameWriter.Write(stream, run);
        return stream.ToArray();
    }

    [Test]
    public async Task PicksUpCompleteFilesOnceIgnoresStrangersAndSurvivesVanishingFiles()
    {
        var logger = new CollectingLogger();
        var source = new DropFolderSource(Dir, Fast, logger: logger);
        var faults = new List<SourceFault>();
        var frames = new List<Frame>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = TestRuns.Noisy(31, rows: 16, columns: 16, frames: 3);
        var bytes = Bytes(run);

        var reading = Task.Run(async () =>
        {
            try { await foreach (var frame in source.ReadAsync(faults.Add, cancel.Token)) lock (frames) frames.Add(frame); }
            catch (OperationCanceledException) { }
        });

        // A file written in two steps, with a pause longer than a poll but shorter than the settle time.
        var path = Path.Combine(Dir, "XA.1.dcm");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        await Task.Delay(60);
        await using (var append = new FileStream(path, FileMode.Append)) await append.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        await File.WriteAllTextAsync(Path.Combine(Dir, "notes.txt"), "a stray file that is not DICOM\n");
        var vanishing = Path.Combine(Dir, "XA.2.dcm");
        await File.WriteAllBytesAsync(vanishing, bytes);
        File.Delete(vanishing);

        await WaitUntil(() => { lock (frames) return frames.Count >= 3; }, cancel.Token);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1)); // touched: must not be read again
        await Task.Delay(400);
        await cancel.CancelAsync();
        await reading;

        Assert.Multiple(() =>
        {
            Assert.That(frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(frames.Select(f => f.Pixels), Is.EqualTo(run.Frames));
            Assert.That(faults, Is.Empty);
            Assert.That(logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.One.Contains("notes.txt"));
        });
    }

    [Test]
    public async Task BrokenDicomFileIsAFaultNotACrash()
    {
        var source = new DropFolderSource(Dir, Fast);
        var faults = new List<SourceFault>();
        File.Copy(Samples.PathOf("pydicom_MR_truncated.dcm"), Path.Combine(Dir, "cut.dcm"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reading = Task.Run(async () =>
        {
            try { await foreach (var _ in source.ReadAsync(f => { lock (faults) faults.Add(f); }, cancel.Token)) { } }
            catch (OperationCanceledException) { }
        });
        await WaitUntil(() => { lock (faults) return faults.Count > 0; }, cancel.Token);
        await cancel.CancelAsync();
        await reading;
        Assert.That(faults.Single().SourceName, Is.EqualTo("cut.dcm"));
    }

    static async Task WaitUntil(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition()) await Task.Delay(10, cancellationToken);
    }
}
