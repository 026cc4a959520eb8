using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// Non-overlapping square windows over a feature map (Swin-style) so spatial attention costs O(h·w·s²), not O((h·w)²).
/// Maps whose sides are not multiples of the window are zero-padded; padded keys are masked out.
/// </summary>
internal static class SpatialWindows
{
    /// <summary>(N, h, w, D) -> (N·nh·nw, s², D).</summary>
    public static Tensor Partition(Tensor x, int size)
    {
        long n = x.shape[0], h = x.shape[1], w = x.shape[2], d = x.shape[3];
        long ph = Padding(h, size), pw = Padding(w, size);
        var padded = ph == 0 && pw == 0 ? x.alias() : nn.functional.pad(x, [0, 0, 0, pw, 0, ph]);
        long nh = (h + ph) / size, nw = (w + pw) / size;
        return padded.reshape(n, nh, size, nw, size, d).permute(0, 1, 3, 2, 4, 5).reshape(n * nh * nw, size * size, d);
    }

    /// <summary>Inverse of <see cref="Partition"/>, cropping the padding: (N·nh·nw, s², D) -> (N, h, w, D).</summary>
    public static Tensor Merge(Tensor windows, long n, long h, long w, int size)
    {
        long nh = (h + Padding(h, size)) / size, nw = (w + Padding(w, size)) / size, d = windows.shape[2];
        var full = windows.reshape(n, nh, nw, size, size, d).permute(0, 1, 3, 2, 4, 5).reshape(n, nh * size, nw * size, d);
        return full.slice(1, 0, h, 1).slice(2, 0, w, 1);
    }

    /// <summary>Additive key mask (N·nh·nw, 1, 1, s²): 0 for real tokens, -inf for padding; null when nothing is padded.</summary>
    public static Tensor? KeyMask(long n, long h, long w, int size, Device device)
    {
        if (!IsPadded(h, w, size)) return null;
        using var scope = NewDisposeScope();
        var valid = ones(1, h, w, 1, device: device);
        var windows = Partition(valid, size).reshape(1, -1, size * size);
        using Scalar minusInfinity = float.NegativeInfinity;
        var mask = zeros_like(windows).masked_fill(windows.eq(KeptScalars.Zero), minusInfinity);
        return mask.expand(n, -1, -1).reshape(-1, 1, 1, size * size).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Partition"/> as a graph: (n, h, w, D) -> (n·nh·nw, s², D).</summary>
    public static string ExportPartition(Onnx.OnnxGraphBuilder graph, string x, long n, long h, long w, long d, int size)
    {
        long ph = Padding(h, size), pw = Padding(w, size);
        if (ph != 0 || pw != 0) x = graph.Op("Pad", [x, graph.Ints(0, 0, 0, 0, 0, ph, pw, 0)]);
        long nh = (h + ph) / size, nw = (w + pw) / size;
        return graph.Reshape(graph.Transpose(graph.Reshape(x, n, nh, size, nw, size, d), 0, 1, 3, 2, 4, 5), n * nh * nw, size * size, d);
    }

    /// <summary><see cref="Merge"/> as a graph: (n·nh·nw, s², D) -> (n, h, w, D).</summary>
    public static string ExportMerge(Onnx.OnnxGraphBuilder graph, string windows, long n, long h, long w, long d, int size)
    {
        long ph = Padding(h, size), pw = Padding(w, size);
        long nh = (h + ph) / size, nw = (w + pw) / size;
        var full = graph.Reshape(graph.Transpose(graph.Reshape(windows, n, nh, nw, size, size, d), 0, 1, 3, 2, 4, 5), n, nh * size, nw * size, d);
        if (ph != 0) full = graph.Slice(full, 1, 0, h);
        if (pw != 0) full = graph.Slice(full, 2, 0, w);
        return full;
    }

    public static bool IsPadded(long h, long w, int size) => Padding(h, size) != 0 || Padding(w, size) != 0;

    private static long Padding(long length, int size) => (size - length % size) % size;
}
