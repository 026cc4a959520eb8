namespace OccluNet.Live.Overlay.Tests;

/// <summary>Waits for a condition the code under test makes true (never for a fixed time); fails after a generous limit.</summary>
public static class Poll
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            Thread.Sleep(10);
        }
    }
}
