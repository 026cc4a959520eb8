using TorchSharp;

namespace OccluNet.Live.Training.Tests;

/// <summary>Tests run torch on one thread: on 2 shared cores, 2 threads were 2-4x slower under load.</summary>
[SetUpFixture]
public sealed class TorchTestSetup
{
    [OneTimeSetUp]
    public void OneThread() => torch.set_num_threads(1);
}
