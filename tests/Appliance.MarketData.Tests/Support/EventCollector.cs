using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.Primitives.Rings;

namespace Appliance.MarketData.Tests.Support;

/// <summary>
/// The strategy thread of a test: drains a feed's ring, keeps every event, and maintains one order book per
/// instrument from the depth events, as a strategy would.
/// </summary>
internal sealed class EventCollector : IDisposable
{
    private readonly SpscRing<MarketEvent> _ring;
    private readonly List<MarketEvent> _events = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public EventCollector(SpscRing<MarketEvent> ring, int instruments, int bookDepth = 2000)
    {
        _ring = ring;
        Books = Enumerable.Range(0, instruments).Select(i => new OrderBook(i, bookDepth)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "test-consumer" };
        _thread.Start();
    }

    public OrderBook[] Books { get; }

    public int BookErrors;

    public List<MarketEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public int Count
    {
        get { lock (_events) return _events.Count; }
    }

    private void Run()
    {
        var wait = default(BlockingWait);
        while (!_stop)
        {
            if (!_ring.WaitForData(ref wait, TimeSpan.FromMilliseconds(50))) continue;
            while (_ring.TryPeek(out long seq))
            {
                ref MarketEvent ev = ref _ring[seq];
                if (ev.Kind is MarketEventKind.DepthDiff or MarketEventKind.DepthSnapshot && ev.InstrumentId < Books.Length)
                {
                    if (Books[ev.InstrumentId].Apply(ev) != BookUpdateResult.Ok) Interlocked.Increment(ref BookErrors);
                }
                lock (_events) _events.Add(ev);
                _ring.Release(seq);
            }
        }
    }

    /// <summary>Waits (polling, never sleeping blind) until <paramref name="condition"/> holds over the events so far.</summary>
    public List<MarketEvent> WaitFor(Func<List<MarketEvent>, bool> condition, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            List<MarketEvent> events = Events;
            if (condition(events)) return events;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; {events.Count} events, last: {string.Join(", ", events.TakeLast(12).Select(Feed.ProcessorHarness.Describe))}");
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
