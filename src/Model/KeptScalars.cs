using TorchSharp;

namespace OccluNet.Live.Model;

/// <summary>
/// Scalars that live for the whole process. An implicit TorchSharp Scalar (the alpha = 1 of <c>a + b</c> or
/// <c>a.add(b)</c>) is a native handle freed by its finalizer, and nothing keeps the managed object alive during the
/// native call, so under GC pressure it can be freed mid-call: seen once here as a "toFloat" check failure in a
/// residual add after hours of inference. The per-frame paths (residual adds, box decoding) pass these instead, or
/// compare with tensors.
/// </summary>
internal static class KeptScalars
{
    public static readonly Scalar One = 1;
    public static readonly Scalar MinusOne = -1;
    public static readonly Scalar Half = 0.5;
}
