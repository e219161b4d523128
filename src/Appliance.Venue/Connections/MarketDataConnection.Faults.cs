using System.Text;
using Appliance.Venue.Faults;
using Appliance.Venue.Streams;
using Appliance.Venue.WebSockets;

namespace Appliance.Venue.Connections;

// Faults, applied by the sender so that their effect is recorded exactly where it happens.
internal sealed partial class MarketDataConnection
{
    /// <summary>Applies one fault. False when the connection must end now (drop).</summary>
    private async Task<bool> ApplyFaultAsync(FaultRecord fault)
    {
        FaultSpec spec = fault.Spec;
        switch (spec.Kind)
        {
            case FaultKind.Drop:
                await FlushAsync();
                fault.Start();
                bool reset = spec.Variant == "rst";
                fault.Finish(note: $"TCP {(reset ? "reset" : "closed")} without a close frame after {Volatile.Read(ref _messagesSent)} messages");
                _closeDescription = $"dropped by fault {fault.Id}";
                if (reset) ConnectionDrop.Reset(_http);
                return false; // ending the handler without a close frame: Kestrel sends what is queued, then FIN

            case FaultKind.Close:
                fault.Start();
                Append(ServerFrames.Close(spec.Code, spec.Reason));
                await FlushAsync();
                _closeSent = true;
                _closeDeadline = Now() + TicksOf(2000);
                _closeDescription = $"closed by fault {fault.Id} with {spec.Code}";
                fault.Finish(note: $"close frame {spec.Code} sent after {Volatile.Read(ref _messagesSent)} messages");
                return true;

            case FaultKind.Stall:
                if (_stall is not null) EndStall("replaced");
                fault.Start();
                _stall = fault;
                _stallUntil = spec.DurationMs == 0 ? long.MaxValue : Now() + TicksOf(spec.DurationMs);
                return true;

            case FaultKind.Slow:
                if (_slow is not null) EndSlow("replaced");
                fault.Start();
                _slow = fault;
                _slowUntil = spec.DurationMs == 0 ? long.MaxValue : Now() + TicksOf(spec.DurationMs);
                return true;

            case FaultKind.Gap:
                int instrument = -1;
                if (spec.Symbol is not null && !_catalog.TryGetInstrument(spec.Symbol, out instrument))
                {
                    fault.Finish("not_applied", $"unknown symbol {spec.Symbol}");
                    return true;
                }
                _gaps.Add(new GapState(fault, instrument, KindsOf(spec.Stream), spec.Count));
                return true;

            case FaultKind.Duplicate:
                fault.Start();
                Duplicate(fault, spec.Count);
                fault.Finish();
                return true;

            case FaultKind.Garbage:
                fault.Start();
                for (int i = 0; i < spec.Count; i++)
                {
                    byte[] frame = GarbageFrame(spec.Variant, i);
                    Append(frame);
                    fault.AddSent(1, frame.Length);
                }
                fault.Finish();
                return true;

            case FaultKind.Oversize:
                fault.Start();
                await FlushAsync();
                await SendOversizeAsync(fault, spec.Size);
                fault.Finish();
                return true;

            case FaultKind.Clear:
                fault.Start();
                _clearPending = false;
                if (_stall is not null) EndStall("cleared");
                if (_slow is not null) EndSlow("cleared");
                foreach (GapState gap in _gaps) gap.Record.Finish("cleared", $"{gap.Remaining} messages left unskipped");
                _gaps.Clear();
                fault.Finish();
                return true;

            default:
                fault.Finish("not_applied", $"{FaultSpec.NameOf(spec.Kind)} applies to order-entry connections");
                return true;
        }
    }

    private static ushort KindsOf(string stream) => stream switch
    {
        "depth" => (ushort)(StreamKinds.Bit(StreamKind.Depth) | StreamKinds.Bit(StreamKind.Depth100)),
        "trade" => StreamKinds.Bit(StreamKind.Trade),
        "aggTrade" => StreamKinds.Bit(StreamKind.AggTrade),
        "bookTicker" => StreamKinds.Bit(StreamKind.BookTicker),
        "partial" => (ushort)(StreamKinds.Bit(StreamKind.Depth5) | StreamKinds.Bit(StreamKind.Depth5At100) | StreamKinds.Bit(StreamKind.Depth10) |
                              StreamKinds.Bit(StreamKind.Depth10At100) | StreamKinds.Bit(StreamKind.Depth20) | StreamKinds.Bit(StreamKind.Depth20At100)),
        _ => 0x7FFF,
    };

    // Re-sends the last `count` messages this connection sent, oldest first, as they were framed. When it has sent
    // fewer (a connection just opened), the rest come from the log before it opened: what a previous connection
    // of the same client already received, i.e. duplicates after a reconnect.
    private void Duplicate(FaultRecord fault, int count)
    {
        long fromHistory = Math.Min(count, Math.Min(_historyCount, HistorySize));
        var messages = new List<(long Sequence, int Slot)>(count);
        if (fromHistory < count) messages.AddRange(Backlog(count - (int)fromHistory));
        for (long h = _historyCount - fromHistory; h < _historyCount; h++) messages.Add(_history[h & (HistorySize - 1)]);

        int sent = 0;
        foreach ((long seq, int slot) in messages)
        {
            LogEntry entry = _log.EntryAt(seq);
            if (entry.Sequence != seq) continue;
            int before = _length;
            AppendMessage(_log.PayloadOf(entry), slot >= 0 && _combined ? _catalog.CombinedPrefixOf(slot) : default, slot);
            if (!_log.IsIntact(entry, seq))
            {
                _length = before; // overwritten meanwhile: not sent
                _bufferedMessages--;
                continue;
            }
            fault.AddDuplicated(slot >= 0 ? _catalog.NameOf(slot) : "verbatim", entry.FirstId, entry.LastId, _length - before);
            sent++;
        }
        if (sent < count) fault.SetNote($"only {sent} earlier messages were available");
    }

    // Up to `count` subscribed messages published before this connection opened, oldest first.
    private List<(long Sequence, int Slot)> Backlog(int count)
    {
        var found = new List<(long, int)>(count);
        long oldest = Math.Max(0, _log.Head - _log.Capacity + 1);
        ushort[] masks = _masks;
        for (long seq = _startCursor - 1; seq >= oldest && found.Count < count; seq--)
        {
            LogEntry entry = _log.EntryAt(seq);
            if (entry.Sequence != seq) break;
            if ((entry.Kinds & StreamKinds.Verbatim) != 0)
            {
                found.Add((seq, -1));
                continue;
            }
            // Highest kind first, so that reversing gives each entry's streams in the order they are sent.
            uint bits = (uint)(entry.Kinds & masks[entry.Instrument]);
            for (int kind = 15; kind >= 0 && found.Count < count; kind--)
                if ((bits & (1u << kind)) != 0) found.Add((seq, entry.Instrument * StreamKinds.SlotsPerInstrument + kind));
        }
        found.Reverse();
        return found;
    }

    private static byte[] GarbageFrame(string variant, int index)
    {
        switch (variant)
        {
            case "utf8":
                // Not UTF-8 at all: a conforming client fails the connection with 1007.
                return ServerFrames.Frame(ServerFrames.OpText, [0xFF, 0xFE, 0xC3, 0x28, 0xA0, 0xA1, (byte)index]);
            case "binary":
                var junk = new byte[64];
                new Random(index).NextBytes(junk);
                return ServerFrames.Frame(ServerFrames.OpBinary, junk);
            default:
                string[] texts =
                [
                    "{\"e\":\"trade\",\"E\":",
                    "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":,\"u\":2}",
                    "not json at all",
                    "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"p\":\"1.0.0\"}}",
                    "]}",
                ];
                return ServerFrames.Frame(ServerFrames.OpText, Encoding.UTF8.GetBytes(texts[index % texts.Length]));
        }
    }

    // One text frame of `size` bytes, valid UTF-8 and valid JSON: a client's size limit is what should stop it.
    private async Task SendOversizeAsync(FaultRecord fault, int size)
    {
        byte[] head = "{\"e\":\"oversize\",\"pad\":\""u8.ToArray();
        byte[] tail = "\"}"u8.ToArray();
        if (size < head.Length + tail.Length) size = head.Length + tail.Length;
        var header = new byte[10];
        int h = ServerFrames.WriteHeader(header, ServerFrames.OpText, size);
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            await _stream.WriteAsync(header.AsMemory(0, h), _ended.Token);
            await _stream.WriteAsync(head, _ended.Token);
            sent = h + head.Length;
            long padding = size - head.Length - tail.Length;
            Array.Fill(chunk, (byte)'x');
            while (padding > 0)
            {
                int n = (int)Math.Min(chunk.Length, padding);
                await _stream.WriteAsync(chunk.AsMemory(0, n), _ended.Token);
                padding -= n;
                sent += n;
            }
            await _stream.WriteAsync(tail, _ended.Token);
            sent += tail.Length;
        }
        finally
        {
            fault.AddSent(1, sent);
            Interlocked.Add(ref _bytesSent, sent);
        }
    }

    private void EndStall(string state)
    {
        _stall!.Finish(state);
        _stall = null;
    }

    private void EndSlow(string state)
    {
        _slow!.Finish(state);
        _slow = null;
    }

    private void FinishOpenFaults()
    {
        _stall?.Finish("done", "connection closed during the stall");
        _slow?.Finish("done", "connection closed while sending slowly");
        foreach (GapState gap in _gaps) gap.Record.Finish("done", $"connection closed with {gap.Remaining} messages left to skip");
        _gaps.Clear();
    }
}
