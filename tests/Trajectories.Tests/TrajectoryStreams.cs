using FsCheck;
using FsCheck.Fluent;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>A random run and random options; coordinates on a coarse grid and few distinct scores so that links, boundaries and ties happen often.</summary>
public sealed record Stream(TrajectoryOptions Options, FrameDetections[] Frames)
{
    public override string ToString() =>
        $"{Options}\n" + string.Join("\n", Frames.Select(f => $"  frame {f.FrameIndex}: " +
            string.Join("; ", f.Detections.Select(d => $"({d.Box.CenterX},{d.Box.CenterY}) {d.Box.Width} s{d.Score} c{d.ClassId}"))));
}

public static class TrajectoryStreams
{
    static readonly Gen<TrajectoryOptions> Options =
        from topK in Gen.Choose(1, 3)
        from link in Gen.Elements(LinkRule.CentreWithinRadius, LinkRule.BoxContainsPreviousCentre)
        from gap in Gen.Choose(0, 2)
        from radius in Gen.Elements(0f, 10f, 25f)
        from margin in Gen.Elements(0f, 1f, 5f)
        from minScore in Gen.Elements(0f, 0.01f)
        from minPoints in Gen.Elements(1, 1, 2, 3)
        select new TrajectoryOptions { TopK = topK, Link = link, MaxGap = gap, LinkRadius = radius, ContainmentMargin = margin, MinScore = minScore, MinPoints = minPoints };

    static readonly Gen<Detection> OneDetection =
        from cx in Gen.Choose(0, 6)
        from cy in Gen.Choose(0, 3)
        from size in Gen.Elements(10f, 20f, 25f)
        from score in Gen.Elements(0.005f, 0.01f, 0.3f, 0.3f, 0.6f, 0.9f, 1f)
        from cls in Gen.Choose(0, 2)
        select new Detection(Box.FromCenter(cx * 10f, cy * 15f, size, size), score, cls);

    static readonly Gen<(int Step, Detection[] Detections)> OneFrame =
        from step in Gen.Elements(1, 1, 1, 1, 2, 3)
        from count in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 2)), (2, Gen.Choose(3, 4)))
        from detections in Gen.ArrayOf(OneDetection, count)
        select (step, detections);

    static readonly Gen<Stream> Streams =
        from options in Options
        from length in Gen.Choose(0, 14)
        from frames in Gen.ArrayOf(OneFrame, length)
        select new Stream(options, Number(frames));

    static FrameDetections[] Number((int Step, Detection[] Detections)[] frames)
    {
        var numbered = new FrameDetections[frames.Length];
        int index = -1;
        for (int i = 0; i < frames.Length; i++)
        {
            index += frames[i].Step;
            numbered[i] = new FrameDetections(index, frames[i].Detections);
        }
        return numbered;
    }

    public static Arbitrary<Stream> Arbitrary() => Arb.From(Streams);
}
