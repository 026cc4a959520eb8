namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Every edge rasterised once for one view (spec 5.8): a sparse list of (pixel index, iodine weight) per edge, where
/// weight × concentration (mg/mL) is that edge's DSA value d at the pixel (k_I × chord). Per frame the iodine image is
/// Σ c_e(t)·weight. Edges drawn with a special shape (clot face) also keep their plain version for the no-occlusion twin.
/// </summary>
internal sealed class StampSet
{
    public required int[] Offsets { get; init; }
    public required int[] Pixels { get; init; }
    public required float[] Weights { get; init; }

    /// <summary>Plain (unoccluded) stamps of the edges that have a special shape: edge → (pixels, weights).</summary>
    public required Dictionary<int, (int[] Pixels, float[] Weights)> Plain { get; init; }

    public int EdgeCount => Offsets.Length - 1;

    /// <summary>Add c(edge) × weight into <paramref name="image"/>; <paramref name="plain"/> uses the unoccluded shapes.</summary>
    public void Accumulate(float[] image, ReadOnlySpan<float> concentration, bool plain = false)
    {
        var pixels = Pixels;
        var weights = Weights;
        for (int e = 0; e < EdgeCount; e++)
        {
            float c = concentration[e];
            if (c <= 0) continue;
            if (plain && Plain.TryGetValue(e, out var alt))
            {
                for (int i = 0; i < alt.Pixels.Length; i++) image[alt.Pixels[i]] += c * alt.Weights[i];
                continue;
            }
            for (int i = Offsets[e], end = Offsets[e + 1]; i < end; i++) image[pixels[i]] += c * weights[i];
        }
    }

    /// <summary>Pixels an edge covers (for ground-truth regions).</summary>
    public ReadOnlySpan<int> PixelsOf(int edge) => Pixels.AsSpan(Offsets[edge], Offsets[edge + 1] - Offsets[edge]);
}
