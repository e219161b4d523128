namespace Appliance.Venue.Tests.Support;

/// <summary>Waiting on conditions with a deadline instead of sleeping.</summary>
internal static class Await
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

    /// <param name="state">On a timeout, what the failure message should show of the state waited on.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for {what}" + (state is null ? "" : $": {await state()}"));
            await Task.Delay(5);
        }
    }
}
