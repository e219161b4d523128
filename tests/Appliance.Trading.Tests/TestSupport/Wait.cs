namespace Appliance.Trading.Tests.TestSupport;

/// <summary>Waiting on a condition with a deadline, never a fixed sleep.</summary>
internal static class Wait
{
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var spin = new SpinWait();
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            spin.SpinOnce(sleep1Threshold: 10);
        }
    }
}
