using System.Runtime.CompilerServices;
using Appliance.MarketData.Events;
using Appliance.Primitives.Time;

namespace Appliance.MarketData.Decoding;

/// <summary>
/// Appends levels to the current event and, when its inline buffer is full, marks it
/// <see cref="MarketEventFlags.Continues"/> and carries on in a fresh slot with the same header and the
/// next <see cref="MarketEvent.Part"/>. Bids are written first, then <see cref="BeginAsks"/>, then asks.
/// </summary>
internal ref struct DepthWriter<TSink> where TSink : struct, IMarketEventSink
{
    private ref TSink _sink;
    private ref MarketEvent _current;
    private readonly int _priceScale;
    private readonly int _quantityScale;
    private bool _asks;

    public DepthWriter(ref TSink sink, ref MarketEvent first, int priceScale, int quantityScale)
    {
        _sink = ref sink;
        _current = ref first;
        _priceScale = priceScale;
        _quantityScale = quantityScale;
        EventCount = 1;
    }

    public int EventCount { get; private set; }

    public void BeginAsks() => _asks = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DecodeStatus Add(ReadOnlySpan<byte> payload, TextSpan price, TextSpan quantity, out int errorOffset)
    {
        DecodeStatus status = JsonText.ParseDecimal(payload, price, _priceScale, out long p, out errorOffset);
        if (status != DecodeStatus.Ok) return status;
        status = JsonText.ParseDecimal(payload, quantity, _quantityScale, out long q, out errorOffset);
        if (status != DecodeStatus.Ok) return status;

        int n = _current.BidCount + _current.AskCount;
        if (n == LevelBuffer.Capacity)
        {
            Continue();
            n = 0;
        }
        _current.Levels[n] = new BookLevel(p, q);
        if (_asks) _current.AskCount++;
        else _current.BidCount++;
        return DecodeStatus.Ok;
    }

    public void Finish() => _current.DecodeTimestamp = MonoClock.Now();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Continue()
    {
        _current.Flags |= MarketEventFlags.Continues;
        _current.DecodeTimestamp = MonoClock.Now();
        ref MarketEvent next = ref _sink.Claim();
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<MarketEvent, byte>(ref next), ref Unsafe.As<MarketEvent, byte>(ref _current), MarketEvent.HeaderSize);
        next.Flags &= ~MarketEventFlags.Continues;
        next.BidCount = 0;
        next.AskCount = 0;
        next.Part++;
        _current = ref next;
        EventCount++;
    }
}
