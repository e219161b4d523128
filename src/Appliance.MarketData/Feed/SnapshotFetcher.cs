using System.Collections.Concurrent;
using System.Net;
using Appliance.MarketData.Instruments;
using Appliance.Primitives.Rings;
using Appliance.Primitives.Threading;

namespace Appliance.MarketData.Feed;

/// <summary>
/// Fetches REST depth snapshots (<c>GET {snapshotUrl}?symbol=BTCUSDT&amp;limit=1000</c>) on a helper thread
/// so the feed thread never blocks on HTTP. The feed thread posts requests into an SPSC ring and picks up
/// answers from a queue (neither allocates on the feed thread). After a failure the helper waits an
/// exponential backoff (100 ms doubling to 5 s) before its next request and tries the next URL.
/// </summary>
public sealed class SnapshotFetcher : IDisposable
{
    private readonly IReadOnlyList<Uri> _urls;
    private readonly InstrumentTable _instruments;
    private readonly int _depth;
    private readonly SpscRing<SnapshotRequest> _requests;
    private readonly ConcurrentQueue<SnapshotResult> _results = new();
    private readonly HttpClient _http;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private int _urlIndex;
    private int _failures;

    public SnapshotFetcher(IReadOnlyList<Uri> urls, InstrumentTable instruments, int depth, TimeSpan timeout, string name = "snapshot")
    {
        if (urls is null || urls.Count == 0) throw new ArgumentException("at least one snapshot URL", nameof(urls));
        _urls = urls;
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _depth = depth;
        _requests = new SpscRing<SnapshotRequest>((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, instruments.Count * 2)), $"{name} requests");
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = timeout };
        _thread = NamedThread.Create(name, Run);
        _thread.Start();
    }

    public long Completed => Volatile.Read(ref _completed);
    private long _completed;

    /// <summary>Feed thread: queues a request; false when the request ring is full (never in practice: one per instrument at a time).</summary>
    public bool TryRequest(in SnapshotRequest request) => _requests.TryWrite(request);

    /// <summary>Feed thread: the next answer, if one is ready.</summary>
    public bool TryTakeResult(out SnapshotResult? result) => _results.TryDequeue(out result);

    private void Run()
    {
        var wait = new BlockingWait(TimeSpan.FromMilliseconds(10));
        while (!_stop.IsCancellationRequested)
        {
            if (!_requests.WaitForData(ref wait, TimeSpan.FromMilliseconds(100))) continue;
            while (_requests.TryRead(out SnapshotRequest request) && !_stop.IsCancellationRequested)
            {
                if (_failures > 0)
                {
                    int delay = (int)Math.Min(5000, 100L << Math.Min(_failures - 1, 10));
                    if (_stop.Token.WaitHandle.WaitOne(delay)) return;
                }
                SnapshotResult result = Fetch(request);
                _failures = result.HttpStatus == 200 ? 0 : _failures + 1;
                if (result.HttpStatus != 200) _urlIndex = (_urlIndex + 1) % _urls.Count;
                _results.Enqueue(result);
                Interlocked.Increment(ref _completed);
            }
        }
    }

    private SnapshotResult Fetch(SnapshotRequest request)
    {
        Uri baseUrl = _urls[_urlIndex];
        string symbol = (uint)request.InstrumentId < (uint)_instruments.Count ? _instruments[request.InstrumentId].VenueSymbol : "";
        string separator = string.IsNullOrEmpty(baseUrl.Query) ? "?" : "&";
        var url = new Uri($"{baseUrl}{separator}symbol={Uri.EscapeDataString(symbol)}&limit={_depth}");
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            using HttpResponseMessage response = _http.Send(message, HttpCompletionOption.ResponseContentRead, _stop.Token);
            using Stream stream = response.Content.ReadAsStream(_stop.Token);
            using var body = new MemoryStream();
            stream.CopyTo(body);
            return new SnapshotResult(request.InstrumentId, request.RequestId, (int)response.StatusCode, body.GetBuffer(), (int)body.Length,
                response.IsSuccessStatusCode ? null : $"{url}: HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return new SnapshotResult(request.InstrumentId, request.RequestId, 0, [], 0, $"{url}: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _http.Dispose();
    }
}
