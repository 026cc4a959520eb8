using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model;

/// <summary>
/// Scalars that live for the whole process, and the adds that would otherwise make one. An implicit TorchSharp Scalar
/// (<c>x * 0.5</c>, <c>y + 1.0</c>, <c>clamp_min(1)</c>, and the alpha = 1 that <c>a + b</c>, <c>a.add(b)</c> and
/// <c>arange(n)</c> make inside TorchSharp) is a native handle freed by its finalizer, and nothing keeps the managed
/// object alive during the native call, so under GC pressure it can be freed mid-call: "Exception raised from toFloat"
/// (seen in training, and once in a residual add after hours of inference). Model.Tests' ScalarFinaliserTests
/// reproduces it in a few seconds with collections forced on another thread. Inference and training paths pass these,
/// a <c>using Scalar</c> that outlives the call, or tensors instead.
/// </summary>
public static class KeptScalars
{
    public static readonly Scalar Zero = 0;
    public static readonly Scalar One = 1;
    public static readonly Scalar MinusOne = -1;
    public static readonly Scalar Half = 0.5;

    /// <summary>a + b without an implicit alpha (<c>a + b</c> and <c>a.add(b)</c> make one).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + s without an implicit alpha; <paramref name="s"/> must outlive the call (kept or <c>using</c>).</summary>
    public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, One);

    /// <summary>1 - a without implicit Scalars (<c>1 - a</c> makes two).</summary>
    public static Tensor OneMinus(this Tensor a) => a.neg().add(One, One);

    /// <summary>0, 1, ..., n - 1 as float32, without the implicit start and step of <c>arange(n)</c>.</summary>
    public static Tensor Range(long n, Device? device = null)
    {
        using Scalar stop = n;
        return arange(Zero, stop, One, ScalarType.Float32, device);
    }
}
