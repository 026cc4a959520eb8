using OccluNet.Live.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Foundation.Tests;

public sealed class TorchSharpSmokeTests
{
    [Test]
    public void LoadsThePatchedLibraryThroughTheNormalPath()
    {
        using var scope = NewDisposeScope();
        _ = ones(1).sum().item<float>();   // forces the native backend to load
        string outputDir = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;
        // TorchSharp's fallback loader copies ~0.5 GB of natives into cpu/ when the normal load fails.
        Assert.That(Directory.Exists(Path.Combine(outputDir, "cpu")), Is.False, "TorchSharp fell back to its cpu/ copy");
        Assert.That(__version__, Does.StartWith("2.10"));
    }

    [Test]
    public void ConvForwardMatchesANaiveLoopAndItsGradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var x = randn(1, 2, 6, 5, dtype: float64).requires_grad_(true);
        var w = randn(3, 2, 3, 3, dtype: float64);
        var y = nn.functional.conv2d(x, w, padding: [1, 1]);

        double[] xs = x.detach().data<double>().ToArray(), ws = w.data<double>().ToArray(), ys = y.detach().data<double>().ToArray();
        double maxError = 0;
        for (int o = 0; o < 3; o++)
        for (int r = 0; r < 6; r++)
        for (int c = 0; c < 5; c++)
        {
            double sum = 0;
            for (int i = 0; i < 2; i++)
            for (int dr = -1; dr <= 1; dr++)
            for (int dc = -1; dc <= 1; dc++)
            {
                int rr = r + dr, cc = c + dc;
                if (rr < 0 || rr >= 6 || cc < 0 || cc >= 5) continue;
                sum += xs[(i * 6 + rr) * 5 + cc] * ws[((o * 2 + i) * 3 + dr + 1) * 3 + dc + 1];
            }
            maxError = Math.Max(maxError, Math.Abs(sum - ys[(o * 6 + r) * 5 + c]));
        }
        Assert.That(maxError, Is.LessThan(1e-12));

        // d/dx sum(y^2) against central differences at a few positions.
        y.pow(2).sum().backward();
        double[] grad = x.grad!.data<double>().ToArray();
        foreach (int k in new[] { 0, 7, 31, 59 })
        {
            double Loss(double delta)
            {
                using var inner = NewDisposeScope();
                var xp = x.detach().clone();
                xp.view(-1)[k] = xp.view(-1)[k] + delta;
                return nn.functional.conv2d(xp, w, padding: [1, 1]).pow(2).sum().item<double>();
            }
            double numeric = (Loss(1e-6) - Loss(-1e-6)) / 2e-6;
            Assert.That(grad[k], Is.EqualTo(numeric).Within(1e-5), $"gradient at element {k}");
        }
    }

    [Test]
    public void DeviceAutoPicksTheCpuWithoutCudaAndAnExplicitCudaIsAClearError()
    {
        Assert.That(TorchRuntime.Resolve(DeviceRequest.Auto, cudaAvailable: false), Is.EqualTo(DeviceType.CPU));
        Assert.That(TorchRuntime.Resolve(DeviceRequest.Auto, cudaAvailable: true), Is.EqualTo(DeviceType.CUDA));
        Assert.That(TorchRuntime.Resolve(DeviceRequest.Cpu, cudaAvailable: true), Is.EqualTo(DeviceType.CPU));
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.Resolve(DeviceRequest.Cuda, cudaAvailable: false));
        Assert.That(error!.Message, Does.Contain("CUDA is not available"));
        Assert.Throws<ArgumentException>(() => TorchRuntime.ParseRequest("gpu"));
        Assert.That(TorchRuntime.ParseRequest(" CUDA "), Is.EqualTo(DeviceRequest.Cuda));
    }
}
