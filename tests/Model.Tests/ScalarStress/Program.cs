using System.Diagnostics;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

// Work on two threads while a third forces collections and finalisers, made with Scalars the old way (implicitly) or
// the way the code makes them now (explicit Scalars that outlive the call: KeptScalars, `using Scalar`):
//   implicit / explicit: small adds and multiplies, x * 0.5 + 1.0 + x * 0.5 (a + b makes its alpha = 1 inside add);
//   torch-sgd / sgd: SGD steps (Nesterov, weight decay on conv/linear weights) on a small conv + BN + linear net,
//   with TorchSharp's optim.SGD.step (implicit Scalars inside TorchSharp: the code training ran before) or NesterovSgd.
// Usage: scalar-stress implicit|explicit|torch-sgd|sgd SECONDS [ITERATIONS]. Stops at the first error, wrong value,
// the time limit or the iteration count. Exit 0: no error; 1: an error or a wrong value (the first one is printed);
// 2: bad usage.
string[] patterns = ["implicit", "explicit", "torch-sgd", "sgd"];
if (args.Length < 2 || !patterns.Contains(args[0]) || !int.TryParse(args[1], out int seconds)
    || (args.Length > 2 && !long.TryParse(args[2], out _)))
{
    Console.Error.WriteLine($"usage: scalar-stress {string.Join('|', patterns)} SECONDS [ITERATIONS]");
    return 2;
}
string pattern = args[0];
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

var workers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
{
    try
    {
        using var work = Workload.For(pattern);
        while (!stop.IsCancellationRequested && Interlocked.Read(ref iterations) < limit)
        {
            work.Iterate();
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

if (failure is not null)
{
    Console.WriteLine($"{pattern}: failed after {iterations} iterations in {clock.Elapsed.TotalSeconds:0.0} s: {failure}");
    return 1;
}
Console.WriteLine($"{pattern}: {iterations} iterations in {clock.Elapsed.TotalSeconds:0.0} s, no error");
return 0;

/// <summary>One worker thread's repeated unit of work; throws on an error or a wrong value.</summary>
abstract class Workload : IDisposable
{
    public abstract void Iterate();
    public abstract void Dispose();

    public static Workload For(string pattern) => pattern switch
    {
        "implicit" => new Adds(implicitScalars: true),
        "explicit" => new Adds(implicitScalars: false),
        "torch-sgd" => new SgdSteps(torchSharpStep: true),
        _ => new SgdSteps(torchSharpStep: false),
    };
}

/// <summary>Both ways compute (x * 0.5 + 1) + x * 0.5 = 2 in every element.</summary>
sealed class Adds(bool implicitScalars) : Workload
{
    readonly Tensor x = ones(8);
    readonly Scalar half = 0.5;

    public override void Iterate()
    {
        using var scope = NewDisposeScope();
        Tensor sum = implicitScalars
            ? (x * 0.5 + 1.0) + x * 0.5
            : x.mul(half).add(KeptScalars.One, KeptScalars.One).add(x.mul(half), KeptScalars.One);
        float value = sum[0].item<float>();
        if (value != 2f) throw new InvalidOperationException($"wrong value {value} (expected 2)");
    }

    public override void Dispose()
    {
        x.Dispose();
        half.Dispose();
    }
}

/// <summary>
/// Two identical nets stepped in lockstep with the same fixed gradients (made once, never zeroed): after every step
/// their weights must be equal bit for bit, and finite.
/// </summary>
sealed class SgdSteps : Workload
{
    readonly bool torchSharpStep;
    readonly nn.Module<Tensor, Tensor>[] nets = new nn.Module<Tensor, Tensor>[2];
    readonly NesterovSgd?[] ours = new NesterovSgd?[2];
    readonly TorchSharp.Modules.SGD?[] theirs = new TorchSharp.Modules.SGD?[2];
    const double LearningRate = 0.001;

    public SgdSteps(bool torchSharpStep)
    {
        this.torchSharpStep = torchSharpStep;
        using var input = rand(2, 2, 6, 6);
        for (int i = 0; i < nets.Length; i++)
        {
            nets[i] = nn.Sequential(nn.Conv2d(2, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4 * 4 * 4, 3));
            if (i > 0) nets[i].load_state_dict(nets[0].state_dict());
            using (NewDisposeScope())
                nets[i].call(input).sum().backward();
            // One group with weight decay is enough to show TorchSharp's step: it makes the same Scalars per parameter.
            if (torchSharpStep) theirs[i] = optim.SGD(nets[i].parameters(), LearningRate, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
            else ours[i] = new NesterovSgd(nets[i], new SgdSettings(LearningRate));
        }
    }

    public override void Iterate()
    {
        for (int i = 0; i < nets.Length; i++)
        {
            if (torchSharpStep) theirs[i]!.step();
            else ours[i]!.Step(LearningRate);
        }
        using var scope = NewDisposeScope();
        foreach (var (a, b) in nets[0].parameters().Zip(nets[1].parameters()))
            if (!a.allclose(b, rtol: 0, atol: 0) || !a.isfinite().all().item<bool>())
                throw new InvalidOperationException("wrong value: the two nets' weights differ after the same steps, or are not finite");
    }

    public override void Dispose()
    {
        for (int i = 0; i < nets.Length; i++)
        {
            ours[i]?.Dispose();
            theirs[i]?.Dispose();
            nets[i].Dispose();
        }
    }
}
