namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// <c>--roi auto</c>: the image area of a monitor layout from its first seconds of pictures. The layout's background is
/// the most frequent grey level; a pixel is content when it differs from that by more than <see cref="ContentLevels"/>
/// in at least <see cref="StableShare"/> of the pictures (a moving cursor or a blinking text is not); the image area is
/// the bounding rectangle of the largest connected piece of content (the DSA image is the largest panel on the screen).
/// </summary>
internal static class RoiFinder
{
    public const int ContentLevels = 6;
    public const double StableShare = 0.8;

    /// <summary>The image area, or null (with the reason) when nothing big enough was found.</summary>
    public static VideoRoi? Find(IReadOnlyList<byte[]> pictures, int width, int height, out string? problem)
    {
        problem = null;
        if (pictures.Count == 0) { problem = "no picture arrived to look for the image area in"; return null; }
        int background = MostFrequent(pictures);
        var counts = new int[width * height];
        foreach (byte[] picture in pictures)
        {
            for (int i = 0; i < counts.Length; i++)
                if (Math.Abs(picture[i] - background) > ContentLevels) counts[i]++;
        }
        int needed = (int)Math.Ceiling(StableShare * pictures.Count);
        var stable = new bool[counts.Length];
        for (int i = 0; i < counts.Length; i++) stable[i] = counts[i] >= needed;
        var best = LargestComponent(stable, width, height);
        if (best is not { } box || box.Width < 32 || box.Height < 32)
        {
            problem = $"no stable image area of at least 32x32 pixels on the {width}x{height} picture (background grey {background})";
            return null;
        }
        return box;
    }

    static int MostFrequent(IReadOnlyList<byte[]> pictures)
    {
        var histogram = new long[256];
        foreach (byte[] picture in pictures)
            for (int i = 0; i < picture.Length; i += 7) histogram[picture[i]]++;
        return Array.IndexOf(histogram, histogram.Max());
    }

    /// <summary>Bounding box of the largest 4-connected component (by pixel count), by an explicit-stack flood fill.</summary>
    static VideoRoi? LargestComponent(bool[] mask, int width, int height)
    {
        var seen = new bool[mask.Length];
        var stack = new Stack<int>();
        VideoRoi? best = null;
        long bestCount = 0;
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start]) continue;
            int minX = width, minY = height, maxX = -1, maxY = -1;
            long count = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop(), x = p % width, y = p / width;
                count++;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                if (x > 0) Visit(p - 1);
                if (x < width - 1) Visit(p + 1);
                if (y > 0) Visit(p - width);
                if (y < height - 1) Visit(p + width);
            }
            if (count > bestCount)
            {
                bestCount = count;
                best = new VideoRoi(minX, minY, maxX - minX + 1, maxY - minY + 1);
            }
        }
        return best;

        void Visit(int q)
        {
            if (!mask[q] || seen[q]) return;
            seen[q] = true;
            stack.Push(q);
        }
    }
}
