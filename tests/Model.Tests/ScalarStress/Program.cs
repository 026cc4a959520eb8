using System.Diagnostics;
using OccluNet.Live.Model;
using TorchSharp;
using static TorchSharp.torch;

// Many small tensor adds and multiplies on two threads while a third forces collections and finalisers, with the
// Scalars made the old way (implicitly: x * 0.5, y + 1.0, a + b, whose alpha = 1 TorchSharp makes inside add) or the
// way the code makes them now (explicit Scalars that outlive the call: KeptScalars, `using Scalar`).
// Usage: scalar-stress implicit|explicit SECONDS [ITERATIONS]. Stops at the first error, wrong value, the time limit
// or the iteration count. Exit 0: no error; 1: an error or a wrong value (the first one is printed); 2: bad usage.
if (args.Length < 2 || args[0] is not ("implicit" or "explicit") || !int.TryParse(args[1], out int seconds)
    || (args.Length > 2 && !long.TryParse(args[2], out _)))
{
    Console.Error.WriteLine("usage: scalar-stress implicit|explicit SECONDS [ITERATIONS]");
    return 2;
}
bool implicitScalars = args[0] == "implicit";
long limit = args.Length > 2 ? long.Parse(args[2]) : long.MaxValue;
torch.set_num_threads(1);

var clock = Stopwatch.StartNew();
long iterations = 0;
string? failure = null;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var collector = new Thread(() =>
{
    while (!stop.IsCancellationRequested)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}) { IsBackground = true };
collector.Start();

using var x = ones(8);
using Scalar half = 0.5, two = 2;
var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
{
    try
    {
        while (!stop.IsCancellationRequested && Interlocked.Read(ref iterations) < limit)
        {
            using var scope = NewDisposeScope();
            // Both ways compute (x * 0.5 + 1) + x * 0.5 = 2 in every element.
            Tensor sum = implicitScalars
                ? (x * 0.5 + 1.0) + x * 0.5
                : x.mul(half).add(KeptScalars.One, KeptScalars.One).add(x.mul(half), KeptScalars.One);
            float value = sum[0].item<float>();
            if (value != 2f) throw new InvalidOperationException($"wrong value {value} (expected 2)");
            Interlocked.Increment(ref iterations);
        }
    }
    catch (Exception e)
    {
        // libtorch's message is "Expected false to be true..." then "Exception raised from toFloat at .../Scalar.h".
        Interlocked.CompareExchange(ref failure, string.Join(" ", e.Message.Split('\n').Take(2)), null);
        stop.Cancel();
    }
})).ToArray();
foreach (var worker in workers) worker.Start();
foreach (var worker in workers) worker.Join();

string pattern = implicitScalars ? "implicit" : "explicit";
if (failure is not null)
{
    Console.WriteLine($"{pattern}: failed after {iterations} iterations in {clock.Elapsed.TotalSeconds:0.0} s: {failure}");
    return 1;
}
Console.WriteLine($"{pattern}: {iterations} iterations in {clock.Elapsed.TotalSeconds:0.0} s, no error");
return 0;
