using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Appliance.MarketData.Events;

namespace Appliance.MarketData.Replay;

/// <summary>
/// SHA-256 over an event stream, and counts by kind and status. Per event it hashes the 96-byte header as
/// laid out in memory (little-endian) with <see cref="MarketEvent.DecodeTimestamp"/> (bytes 40..47) zeroed,
/// then the <c>BidCount + AskCount</c> levels in use (16 bytes each); nothing else of the slot. Two runs
/// that publish the same events in the same order have the same digest. Appending allocates nothing.
/// </summary>
public sealed class EventDigest : IDisposable
{
    private const int DecodeTimestampOffset = 40;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _scratch = new byte[MarketEvent.Size];
    private readonly long[] _byKind = new long[256];
    private readonly long[] _byStatus = new long[256];
    private byte[]? _final;

    public long Events { get; private set; }

    public void Append(in MarketEvent ev)
    {
        if (_final is not null) throw new InvalidOperationException("the digest is already final");
        int bytes = MarketEvent.HeaderSize + ev.LevelCount * Unsafe.SizeOf<BookLevel>();
        Span<byte> scratch = _scratch.AsSpan(0, bytes);
        Unsafe.CopyBlockUnaligned(ref scratch[0], ref Unsafe.As<MarketEvent, byte>(ref Unsafe.AsRef(in ev)), (uint)bytes);
        scratch.Slice(DecodeTimestampOffset, sizeof(long)).Clear();
        _hash.AppendData(scratch);
        Events++;
        _byKind[(int)ev.Kind]++;
        if (ev.Kind == MarketEventKind.Status) _byStatus[(int)ev.Status]++;
    }

    /// <summary>The SHA-256 of everything appended (the digest is final after this).</summary>
    public byte[] Hash => _final ??= _hash.GetHashAndReset();

    public string HexHash => Convert.ToHexStringLower(Hash);

    public long CountOf(MarketEventKind kind) => _byKind[(int)kind];

    public long CountOf(FeedStatus status) => _byStatus[(int)status];

    /// <summary>Non-zero counts as ("Trade", n), ..., ("Status.Connected", n), ... in enum order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counts()
    {
        var counts = new List<KeyValuePair<string, long>>();
        foreach (MarketEventKind kind in Enum.GetValues<MarketEventKind>())
            if (kind != MarketEventKind.Status && _byKind[(int)kind] != 0) counts.Add(new(kind.ToString(), _byKind[(int)kind]));
        foreach (FeedStatus status in Enum.GetValues<FeedStatus>())
            if (_byStatus[(int)status] != 0) counts.Add(new($"Status.{status}", _byStatus[(int)status]));
        return counts;
    }

    /// <summary>One digest for several sessions: the group digest itself when there is one, else SHA-256 of their digests in order.</summary>
    public static byte[] Combine(IReadOnlyList<byte[]> digests)
    {
        if (digests.Count == 1) return digests[0];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] d in digests) hash.AppendData(d);
        return hash.GetHashAndReset();
    }

    public void Dispose() => _hash.Dispose();
}
