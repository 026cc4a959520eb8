namespace OccluNet.Live.Phantom.Truth;

/// <summary>
/// The MinIP difficulty score (spec 5.4): MinIP (= per-pixel maximum of the noise-free d over the frames after the
/// first) of the run and of its no-occlusion twin; RMS of their difference over the fixed box and the pixels of the
/// occluded vessels (where the twin's MinIP shows a vessel), divided by the subtracted noise σ. Low = the MinIP looks
/// almost normal, so only timing reveals the occlusion.
/// </summary>
internal static class MinIpDifficulty
{
    public static (double Sigmas, double Deficit) Score(PhantomScene scene, float[] caseMax, float[] twinMax)
    {
        if (scene.Clot is not { } clot) return (0, 0);
        int w = scene.Width, h = scene.Height;
        var region = new bool[w * h];
        foreach (int e in clot.Blocked)
            foreach (int p in scene.Stamps.PixelsOf(e))
                if (twinMax[p] > 0.05) region[p] = true;
        var (fx, fy) = scene.Projector.Project(scene.Tree.Edges[clot.FaceEdge].P1);
        double half = 20.0 * w / 1024;
        for (int y = Math.Max(0, (int)(fy - half)); y < Math.Min(h, (int)Math.Ceiling(fy + half)); y++)
            for (int x = Math.Max(0, (int)(fx - half)); x < Math.Min(w, (int)Math.Ceiling(fx + half)); x++)
                region[y * w + x] = true;
        double sum = 0, twinSum = 0;
        int count = 0;
        for (int i = 0; i < region.Length; i++)
        {
            if (!region[i]) continue;
            double diff = twinMax[i] - caseMax[i];
            sum += diff * diff;
            twinSum += (double)twinMax[i] * twinMax[i];
            count++;
        }
        if (count == 0) return (0, 0);
        return (Math.Sqrt(sum / count) / scene.Renderer.SigmaSubtracted, twinSum > 0 ? Math.Sqrt(sum / twinSum) : 0);
    }
}
