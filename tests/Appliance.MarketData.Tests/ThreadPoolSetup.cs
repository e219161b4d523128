namespace Appliance.MarketData.Tests;

/// <summary>
/// The feed tests run the venue simulator (Kestrel) in this process and wait on it with blocking polls from
/// pool threads. On a 2-core box the pool starts with 2 workers and adds one about every half second when
/// they are all blocked, so the simulator's accept and upgrade could sit behind a blocked test: a reconnect
/// whose backoff was 53 ms completed after 0.6–0.9 s in one run in three (with 16 workers: 55 ms every
/// time). The daemon is not exposed to this: it connects and reads on threads of its own.
/// </summary>
[SetUpFixture]
public sealed class ThreadPoolSetup
{
    [OneTimeSetUp]
    public void RaiseMinimumWorkers()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }
}
