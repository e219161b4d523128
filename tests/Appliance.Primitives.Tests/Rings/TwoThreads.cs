namespace Appliance.Primitives.Tests.Rings;

/// <summary>Runs a producer and a consumer on two real threads and brings their failures back to the test.</summary>
internal static class TwoThreads
{
    public static void Run(Action producer, Action consumer, TimeSpan timeout)
    {
        Exception? producerFailure = null;
        Exception? consumerFailure = null;
        var p = new Thread(() => Capture(producer, ref producerFailure)) { Name = "ring-test-producer", IsBackground = true };
        var c = new Thread(() => Capture(consumer, ref consumerFailure)) { Name = "ring-test-consumer", IsBackground = true };
        c.Start();
        p.Start();

        bool finished = p.Join(timeout) & c.Join(timeout);
        if (producerFailure is not null || consumerFailure is not null)
        {
            Assert.Fail($"producer: {producerFailure?.ToString() ?? "ok"}\nconsumer: {consumerFailure?.ToString() ?? "ok"}");
        }

        Assert.That(finished, Is.True, $"producer and consumer did not finish within {timeout}");
    }

    private static void Capture(Action action, ref Exception? failure)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            failure = e;
        }
    }
}
