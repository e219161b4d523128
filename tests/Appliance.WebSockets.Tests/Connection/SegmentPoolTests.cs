using Appliance.WebSockets.Connection;

namespace Appliance.WebSockets.Tests.Connection;

public class SegmentPoolTests
{
    [Test]
    public void Returned_blocks_are_reused_and_a_deeper_backlog_allocates_once()
    {
        using var pool = new SegmentPool(1024, preallocate: 2);
        var a = pool.Rent(1024);
        var b = pool.Rent(100);
        var c = pool.Rent();
        Assert.That(pool.Allocated, Is.EqualTo(1), "two were preallocated");
        Assert.That(c.Memory.Length, Is.EqualTo(1024));
        a.Dispose();
        b.Dispose();
        c.Dispose();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            var x = pool.Rent();
            var y = pool.Rent();
            var z = pool.Rent();
            z.Dispose();
            y.Dispose();
            x.Dispose();
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(pool.Allocated, Is.EqualTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(1025));
    }
}
