using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Threading.Channels;
using Appliance.Primitives.Rings;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Rings;

/// <summary>
/// Producer thread → consumer thread throughput: 10 M 32-byte events per invocation, the producer on the
/// benchmark thread, the consumer on a thread of its own, both spinning (the way the feed and strategy
/// threads run). Peers: a bounded single-reader/single-writer Channel driven by TryWrite/TryRead in a spin
/// loop (the fastest way to use it) and ConcurrentQueue.
/// Goals: ring ≥ 100 M events/s batched (≤ 10 ns/op), ≥ 5x the Channel baseline, 0 B allocated.
/// ConcurrentQueue allocates by design: it is unbounded and grows new segments as it goes.
/// </summary>
[MemoryDiagnoser]
public class SpscRingThroughputBenchmarks
{
    private const int Events = 10_000_000;
    private const int Capacity = 1 << 16;
    private const int Batch = 256;

    private SpscRing<Event32> _ring = null!;
    private Channel<Event32> _channel = null!;
    private ConcurrentQueue<Event32> _queue = null!;
    private long _consumed;

    public struct Event32
    {
        public long Sequence;
        public long Price;
        public long Size;
        public long Time;
    }

    [GlobalSetup]
    public void Setup()
    {
        _ring = new SpscRing<Event32>(Capacity, "bench");
        _channel = Channel.CreateBounded<Event32>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _queue = new ConcurrentQueue<Event32>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Channel_TryWrite_TryRead()
    {
        Thread consumer = Start(ConsumeChannel);
        ChannelWriter<Event32> writer = _channel.Writer;
        for (long i = 0; i < Events; i++)
        {
            var e = new Event32 { Sequence = i, Price = i, Size = 1, Time = i };
            while (!writer.TryWrite(e))
            {
                Pause();
            }
        }

        return Finish(consumer);
    }

    private void ConsumeChannel()
    {
        ChannelReader<Event32> reader = _channel.Reader;
        long sum = 0;
        for (long n = 0; n < Events; n++)
        {
            Event32 e;
            while (!reader.TryRead(out e))
            {
                Pause();
            }

            sum += e.Price;
        }

        _consumed = sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ConcurrentQueue_Enqueue_TryDequeue()
    {
        Thread consumer = Start(ConsumeQueue);
        ConcurrentQueue<Event32> queue = _queue;
        for (long i = 0; i < Events; i++)
        {
            queue.Enqueue(new Event32 { Sequence = i, Price = i, Size = 1, Time = i });
        }

        return Finish(consumer);
    }

    private void ConsumeQueue()
    {
        ConcurrentQueue<Event32> queue = _queue;
        long sum = 0;
        for (long n = 0; n < Events; n++)
        {
            Event32 e;
            while (!queue.TryDequeue(out e))
            {
                Pause();
            }

            sum += e.Price;
        }

        _consumed = sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_single()
    {
        Thread consumer = Start(ConsumeRingSingle);
        SpscRing<Event32> ring = _ring;
        var wait = new BusySpinWait();
        for (long i = 0; i < Events; i++)
        {
            long seq = ring.Claim(ref wait);
            ref Event32 e = ref ring[seq];
            e.Sequence = i;
            e.Price = i;
            e.Size = 1;
            e.Time = i;
            ring.Publish(seq);
        }

        return Finish(consumer);
    }

    private void ConsumeRingSingle()
    {
        SpscRing<Event32> ring = _ring;
        var wait = new BusySpinWait();
        long sum = 0;
        for (long n = 0; n < Events; n++)
        {
            long seq;
            while (!ring.TryPeek(out seq))
            {
                ring.WaitForData(ref wait, Timeout.InfiniteTimeSpan);
            }

            sum += ring[seq].Price;
            ring.Release(seq);
        }

        _consumed = sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_batched()
    {
        Thread consumer = Start(ConsumeRingBatched);
        SpscRing<Event32> ring = _ring;
        var wait = new BusySpinWait();
        long i = 0;
        while (i < Events)
        {
            int count = ring.TryClaimBatch((int)Math.Min(Batch, Events - i), out long first);
            if (count == 0)
            {
                ring.WaitForSpace(ref wait, Timeout.InfiniteTimeSpan);
                continue;
            }

            for (int k = 0; k < count; k++, i++)
            {
                ref Event32 e = ref ring[first + k];
                e.Sequence = i;
                e.Price = i;
                e.Size = 1;
                e.Time = i;
            }

            ring.Publish(first + count - 1);
        }

        return Finish(consumer);
    }

    private void ConsumeRingBatched()
    {
        SpscRing<Event32> ring = _ring;
        var wait = new BusySpinWait();
        long sum = 0;
        long n = 0;
        while (n < Events)
        {
            int count = ring.TryReadBatch(out long first, Batch);
            if (count == 0)
            {
                ring.WaitForData(ref wait, Timeout.InfiniteTimeSpan);
                continue;
            }

            for (int k = 0; k < count; k++)
            {
                sum += ring[first + k].Price;
            }

            ring.Advance(count);
            n += count;
        }

        _consumed = sum;
    }

    private static Thread Start(ThreadStart consume)
    {
        var thread = new Thread(consume) { Name = "bench-consumer", IsBackground = true };
        thread.Start();
        return thread;
    }

    private long Finish(Thread consumer)
    {
        consumer.Join();
        return _consumed;
    }

    // The peers spin with the same single pause the ring's BusySpinWait uses.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pause()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
