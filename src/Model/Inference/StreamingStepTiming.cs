using System.Diagnostics;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Times the streaming step (encode the next frame, detect over the cached window) of several engines alike: in turns,
/// the first engine of a round rotating, so that a slow spell of a shared machine falls on all of them instead of on
/// whichever ran during it (docs/model.md "The engines take turns"). `bench model` and `--engine auto` both time this way.
/// </summary>
public static class StreamingStepTiming
{
    /// <summary>The streaming step through a detector: its cache filled first, then each call encodes the next frame and detects.</summary>
    public static Action DetectorSteps(IOcclusionDetector detector, float[] frame, int lookAhead)
    {
        int index = 0;
        for (; index <= lookAhead + 2; index++) detector.Encode(index, frame);
        return () =>
        {
            detector.Encode(index, frame);
            detector.Detect(index - lookAhead);
            index++;
        };
    }

    /// <summary>
    /// Warm-up (at least <paramref name="warmupRounds"/> rounds and <paramref name="warmupTime"/>), then rounds until
    /// every engine has <paramref name="repetitions"/> timed steps. In round r the engines run from engine r mod n on,
    /// each a turn of one untimed step (its caches refilled after the other engine) and up to
    /// <paramref name="timedStepsPerTurn"/> timed ones: the steady state of one engine streaming, as in the live pipeline.
    /// </summary>
    public static List<double>[] TakeTurns(Action[] steps, int repetitions, int warmupRounds, TimeSpan warmupTime, int timedStepsPerTurn)
    {
        var warmup = Stopwatch.StartNew();
        for (int round = 0; round < warmupRounds || warmup.Elapsed < warmupTime; round++)
            foreach (var step in steps) step();
        var times = steps.Select(_ => new List<double>(repetitions)).ToArray();
        for (int round = 0; times[0].Count < repetitions; round++)
            for (int k = 0; k < steps.Length; k++)
            {
                int engine = (round + k) % steps.Length;
                steps[engine]();
                for (int timed = 0; timed < timedStepsPerTurn && times[engine].Count < repetitions; timed++)
                {
                    var watch = Stopwatch.StartNew();
                    steps[engine]();
                    times[engine].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        return times;
    }
}
