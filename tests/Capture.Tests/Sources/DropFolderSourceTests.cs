using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Tests.Writing;

namespace OccluNet.Live.Capture.Tests.Sources;

/// <summary>
/// The drop folder against slow, bursty and repeating senders (issue 12): each test writes as a sender would and waits
/// for the source's own notices (explicit signals, polled with generous timeouts), never for a fixed time.
/// </summary>
[TestFixture]
public sealed class DropFolderSourceTests : TempFolderTest
{
    static readonly DropFolderOptions Fast = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20), SettleTime = TimeSpan.FromMilliseconds(100), IncompleteTimeout = TimeSpan.FromSeconds(1.5),
    };

    /// <summary>
    /// For the tests that finish a file after the source called it incomplete: the test's next write must not race the
    /// timeout that takes an unchanged incomplete file as broken (on a loaded machine a thread can stall for seconds).
    /// </summary>
    static readonly DropFolderOptions Patient = Fast with { IncompleteTimeout = TimeSpan.FromSeconds(60) };

    static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);


    /// <summary>The source reading in the background; what it delivered, reported and said, safe to read while it runs.</summary>
    sealed class Watch : IAsyncDisposable
    {
        readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(60));
        readonly Task reading;
        readonly List<Frame> frames = new();
        readonly List<SourceFault> faults = new();
        readonly List<string> notices = new();

        public Watch(string folder, DropFolderOptions? options = null)
        {
            var source = new DropFolderSource(folder, options ?? Fast);
            reading = Task.Run(async () =>
            {
                try
                {
                    await foreach (var frame in source.ReadAsync(f => { lock (faults) faults.Add(f); }, n => { lock (notices) notices.Add(n.Message); }, stop.Token))
                        lock (frames) frames.Add(frame);
                }
                catch (OperationCanceledException) { }
            });
        }

        public List<Frame> Frames { get { lock (frames) return frames.ToList(); } }
        public List<SourceFault> Faults { get { lock (faults) return faults.ToList(); } }
        public List<string> Notices { get { lock (notices) return notices.ToList(); } }

        public Task UntilFrames(int count) => Until(() => Frames.Count >= count, $"{count} frames");
        public Task UntilFaults(int count) => Until(() => Faults.Count >= count, $"{count} faults");
        public Task UntilNotice(string file, string text) => Until(() => Notices.Any(n => n.StartsWith(file, StringComparison.Ordinal) && n.Contains(text)), $"notice '{file}: ...{text}'");

        async Task Until(Func<bool> condition, string what)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                if (reading.IsCompleted || deadline.Elapsed > Limit)
                    Assert.Fail($"no {what} within {Limit.TotalSeconds} s; notices: {string.Join(" | ", Notices)}; faults: {string.Join(" | ", Faults.Select(f => f.Reason))}");
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await reading;
            stop.Dispose();
        }
    }

    [Test]
    public async Task ASenderPausingLongerThanTheSettleTime_LosesNothing()
    {
        var run = TestRuns.Noisy(31, rows: 16, columns: 16, frames: 6);
        var bytes = TestRuns.Bytes(run);
        var path = Path.Combine(Dir, "XA.1.dcm");
        await using var watch = new Watch(Dir, Patient);

        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        await watch.UntilNotice("XA.1.dcm", "incomplete"); // the half file was still for the settle time, and not taken
        await using (var append = new FileStream(path, FileMode.Append)) await append.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        await watch.UntilFrames(6);
        Assert.That(watch.Frames.Select(f => f.ArrivedWhole), Is.All.True, "a multi-frame file is a run that came whole: every window is analysed");
        Assert.That(watch.Frames.Select(f => f.EndsRun), Is.EqualTo(new[] { false, false, false, false, false, true }), "its last frame ends the run");

        Assert.Multiple(() =>
        {
            Assert.That(watch.Frames.Select(f => f.Pixels), Is.EqualTo(run.Frames));
            Assert.That(watch.Faults, Is.Empty);
            Assert.That(watch.Notices, Has.One.StartsWith("XA.1.dcm: taken, 6 frame(s)"));
        });
    }

    /// <summary>A sender that stores each frame as an instance: before, every file was frame 0 (a one-frame run each, no window).</summary>
    [Test]
    public async Task SingleFrameInstancesOfOneSeries_AreTheFramesOfOneRun()
    {
        var run = TestRuns.Noisy(35, rows: 16, columns: 16, frames: 3);
        await using var watch = new Watch(Dir);
        for (int k = 0; k < 3; k++)
        {
            var instance = run with { SopInstanceUid = $"2.25.1003{k}", Frames = [run.Frames[k]], FrameTimesMs = [0] };
            await File.WriteAllBytesAsync(Path.Combine(Dir, $"XA.1.{k}.dcm"), TestRuns.Bytes(instance));
            await watch.UntilFrames(k + 1); // one at a time, as a sender stores them during the run
        }
        var other = run with { SeriesInstanceUid = "2.25.2002", SopInstanceUid = "2.25.20030", Frames = [run.Frames[0]], FrameTimesMs = [0] };
        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.2.0.dcm"), TestRuns.Bytes(other));
        await watch.UntilFrames(4);

        var frames = watch.Frames;
        Assert.That(frames, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2, 0 }), "the series' frames in arrival order; a new series starts at 0");
            Assert.That(frames.Select(f => f.Pixels), Is.EqualTo(new[] { run.Frames[0], run.Frames[1], run.Frames[2], run.Frames[0] }));
            Assert.That((frames[1].Time - frames[0].Time).TotalMilliseconds, Is.EqualTo((frames[2].Time - frames[1].Time).TotalMilliseconds).Within(0.01).And.GreaterThan(1), "times grow at the file's rate");
            Assert.That(frames.Select(f => f.ArrivedWhole || f.EndsRun), Is.All.False, "frames arriving one by one keep the live policy and end no run");
            Assert.That(watch.Faults, Is.Empty);
        });
    }

    [Test]
    public async Task AFileCreatedEmptyAndFilledLater_IsTakenWhenFull()
    {
        var run = TestRuns.Noisy(32, rows: 16, columns: 16, frames: 3);
        var path = Path.Combine(Dir, "XA.2.dcm");
        await using var watch = new Watch(Dir, Patient);

        await File.WriteAllBytesAsync(path, []);
        await watch.UntilNotice("XA.2.dcm", "incomplete (0 bytes");
        await File.WriteAllBytesAsync(path, TestRuns.Bytes(run));
        await watch.UntilFrames(3);

        Assert.That(watch.Frames.Select(f => f.Pixels), Is.EqualTo(run.Frames));
        Assert.That(watch.Faults, Is.Empty);
    }

    [Test]
    public async Task AFileRewrittenAfterItWasRead_IsReadAgainAsANewVersion()
    {
        var first = TestRuns.Noisy(33, rows: 16, columns: 16, frames: 2);
        var second = TestRuns.Noisy(34, rows: 16, columns: 16, frames: 3);
        var path = Path.Combine(Dir, "XA.3.dcm");
        await using var watch = new Watch(Dir);

        await File.WriteAllBytesAsync(path, TestRuns.Bytes(first));
        await watch.UntilFrames(2);
        await File.WriteAllBytesAsync(path, TestRuns.Bytes(second));
        await watch.UntilFrames(5);

        Assert.Multiple(() =>
        {
            Assert.That(watch.Frames.Skip(2).Select(f => f.Pixels), Is.EqualTo(second.Frames));
            Assert.That(watch.Notices, Has.One.StartsWith("XA.3.dcm version 2 (changed after it was read): taken, 3 frame(s)").And.Contains("same instance, new content"));
        });
    }

    [Test]
    public async Task ADuplicateSendOrATouch_IsSaidAndNotAnalysedAgain()
    {
        var run = TestRuns.Noisy(35, rows: 16, columns: 16, frames: 2);
        await using var watch = new Watch(Dir);

        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.4.dcm"), TestRuns.Bytes(run));
        await watch.UntilFrames(2);
        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.4-again.dcm"), TestRuns.Bytes(run));
        await watch.UntilNotice("XA.4-again.dcm", "duplicate of XA.4.dcm");
        File.SetLastWriteTimeUtc(Path.Combine(Dir, "XA.4.dcm"), DateTime.UtcNow.AddMinutes(1));
        await watch.UntilNotice("XA.4.dcm version 2", "duplicate of XA.4");

        Assert.That(watch.Frames, Has.Count.EqualTo(2), "neither the second send nor the touched file is analysed again");
    }

    [Test]
    public async Task StrangersAreSaidAndIgnored_VanishingFilesAreForgotten()
    {
        var run = TestRuns.Noisy(36, rows: 16, columns: 16, frames: 2);
        await using var watch = new Watch(Dir, Patient);

        await File.WriteAllTextAsync(Path.Combine(Dir, "notes.txt"), "a stray file that is not DICOM, long enough to be judged by its content: " + new string('x', 200));
        await watch.UntilNotice("notes.txt", "not a DICOM file; ignored");
        var vanishing = Path.Combine(Dir, "XA.5.dcm");
        await File.WriteAllBytesAsync(vanishing, TestRuns.Bytes(run)[..100]);
        await watch.UntilNotice("XA.5.dcm", "incomplete");
        File.Delete(vanishing);
        await watch.UntilNotice("XA.5.dcm", "vanished");
        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.6.dcm"), TestRuns.Bytes(run));
        await watch.UntilFrames(2);

        Assert.That(watch.Faults, Is.Empty);
    }

    [Test]
    public async Task ANativeRun_IsSaidAndDeliveredSubtracted()
    {
        var run = TestRuns.Noisy(39, rows: 16, columns: 16, frames: 3, bitsStored: 10) with { MaskFrameNumber = 1 };
        await using var watch = new Watch(Dir);
        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.9.dcm"), TestRuns.Bytes(run));
        await watch.UntilFrames(3);
        Assert.That(watch.Notices, Has.One.StartsWith("XA.9.dcm: taken, 3 frame(s); native run, subtracted by the reader (AVG_SUB, mask frame(s) 1"));
        Assert.That(watch.Frames[0].Pixels.Distinct().Count(), Is.EqualTo(1), "the mask frame minus itself is blank");
        Assert.That(watch.Frames[1].Pixels, Is.Not.EqualTo(run.Frames[1]), "not the stored native values");
    }

    [Test]
    public async Task ASingleFrameFile_IsNotAWholeRun()
    {
        // A system that sends each frame as its own instance during the acquisition: live pace, newest window wins.
        await using var watch = new Watch(Dir);
        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.8.dcm"), TestRuns.Bytes(TestRuns.Noisy(38, rows: 16, columns: 16, frames: 1)));
        await watch.UntilFrames(1);
        Assert.That(watch.Frames.Single().ArrivedWhole, Is.False);
    }

    [Test]
    public async Task ABrokenLastFile_IsReportedWithoutANextFile()
    {
        var run = TestRuns.Noisy(37, rows: 16, columns: 16, frames: 4);
        var bytes = TestRuns.Bytes(run);
        await using var watch = new Watch(Dir);

        await File.WriteAllBytesAsync(Path.Combine(Dir, "XA.7.dcm"), bytes[..(bytes.Length - 10)]); // the sender died in the last frame (Pixel Data is the last element)
        await watch.UntilNotice("XA.7.dcm", "taken incomplete");
        // The notice is said when the file is taken; its frames and its fault reach the reader after it.
        await watch.UntilFrames(3);
        await watch.UntilFaults(1);

        Assert.Multiple(() =>
        {
            Assert.That(watch.Frames.Select(f => f.Index), Is.EqualTo(new[] { 0, 1, 2 }), "the readable frames are analysed");
            Assert.That(watch.Faults, Has.Count.EqualTo(1));
            Assert.That(watch.Faults[0].FrameIndex, Is.EqualTo(3));
            Assert.That(watch.Notices, Has.One.Contains("3 of 4 frame(s) readable"));
        });
    }

    [Test]
    public async Task ARunSentByStorescu_ArrivesWholeThroughStorescp()
    {
        Assert.That(File.Exists("/usr/bin/storescp"), Is.True, "dcmtk is not installed (scripts/setup-debian.sh installs it)");
        var run = TestRuns.Noisy(38, rows: 32, columns: 32, frames: 12);
        string file = Path.Combine(Dir, "..", Path.GetFileName(Dir) + "-send.dcm");
        await File.WriteAllBytesAsync(file, TestRuns.Bytes(run));
        string drop = Path.Combine(Dir, "drop");
        Directory.CreateDirectory(drop);
        int port = FreePort();
        using var scp = Process.Start(new ProcessStartInfo("storescp", ["--output-directory", drop, "--aetitle", "OCCLUNET", port.ToString()]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        try
        {
            await using var watch = new Watch(drop);
            Dcmtk.Result sent = default!;
            var deadline = Stopwatch.StartNew();
            do sent = Dcmtk.Run("storescu", "--call", "OCCLUNET", "127.0.0.1", port.ToString(), file); // storescp may not listen yet
            while (sent.ExitCode != 0 && deadline.Elapsed < Limit && !scp.HasExited);
            Assert.That(sent.ExitCode, Is.Zero, sent.StdErr);
            await watch.UntilFrames(12);

            Assert.That(watch.Frames.Select(f => f.Pixels), Is.EqualTo(run.Frames));
            Assert.That(watch.Faults, Is.Empty);
        }
        finally
        {
            scp.Kill();
            File.Delete(file);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
