using System.Diagnostics;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>
/// A bounded, seeded mutation loop over the small real samples: thousands of damaged files, each read and decoded;
/// anything but <see cref="Dicom.DicomFileException"/> escaping fails the test and leaves the input on disk.
/// </summary>
[TestFixture]
public sealed class MutationFuzzTests
{
    // OCCLUNET_FUZZ_ITERATIONS / OCCLUNET_FUZZ_SEED run a longer campaign with the same test (docs/dicom.md).
    static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("OCCLUNET_FUZZ_ITERATIONS"), out var n) ? n : 4000;
    static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("OCCLUNET_FUZZ_SEED"), out var s) ? s : 20261127;
    const long MaxSampleBytes = 100_000;

    [Test]
    public void OnlyTheDocumentedExceptionEscapes()
    {
        var corpus = Samples.All().Select(Samples.PathOf).Where(p => new FileInfo(p).Length <= MaxSampleBytes).Select(File.ReadAllBytes).ToArray();
        Assert.That(corpus, Has.Length.GreaterThanOrEqualTo(10));
        var mutator = new Mutator(Seed);
        var random = new Random(Seed);
        var watch = Stopwatch.StartNew();
        int accepted = 0, refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(corpus[random.Next(corpus.Length)]);
            try
            {
                if (ReaderTarget.Run(input)) accepted++;
                else refused++;
            }
            catch (Exception e)
            {
                var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"fuzz-crash-{Seed}-{i}.dcm");
                File.WriteAllBytes(path, input);
                Assert.Fail($"iteration {i}: {e.GetType().Name} escaped: {e.Message} (input saved to {path})\n{e.StackTrace}");
            }
        }
        TestContext.Out.WriteLine($"{Iterations} mutated inputs in {watch.Elapsed.TotalSeconds:F1} s: {accepted} read, {refused} refused");
        Assert.That(refused, Is.Positive, "mutations that never break a file do not test anything");
    }
}
