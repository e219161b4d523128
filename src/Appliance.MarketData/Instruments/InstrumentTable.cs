using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Appliance.MarketData.Instruments;

/// <summary>
/// Venue symbol bytes → small integer id (0..Count-1, in configuration order), without allocating.
/// Open addressing over a power-of-two slot array at most a quarter full; each slot keeps the symbol
/// folded to lower case in two 64-bit words (symbols up to 16 bytes, i.e. all of them in practice), so a
/// lookup is two loads, a multiply-shift hash and one or two word compares. Longer symbols fall back to a
/// byte compare. ASCII letters compare case-insensitively because Binance names streams in lower case
/// ("btcusdt@trade") and payload symbols in upper case ("BTCUSDT").
/// Immutable after construction; safe to read from any thread.
/// </summary>
public sealed class InstrumentTable
{
    /// <summary>Ids fit the 16-bit field of <see cref="Events.MarketEvent"/>.</summary>
    public const int MaxInstruments = ushort.MaxValue;

    private const ulong CaseFold = 0x2020202020202020UL;

    private readonly Slot[] _slots;
    private readonly int _shift;
    private readonly Instrument[] _instruments;
    private readonly InstrumentScales[] _scales;

    public InstrumentTable(IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _instruments = instruments.ToArray();
        if (_instruments.Length > MaxInstruments)
            throw new ArgumentException($"At most {MaxInstruments} instruments; got {_instruments.Length}.", nameof(instruments));

        int capacity = 8;
        while (capacity < _instruments.Length * 4) capacity <<= 1;
        _slots = new Slot[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _scales = new InstrumentScales[_instruments.Length];

        for (int id = 0; id < _instruments.Length; id++)
        {
            Instrument instrument = _instruments[id];
            byte[] key = Encoding.ASCII.GetBytes(instrument.VenueSymbol);
            if (TryGetId(key, out int existing))
                throw new ArgumentException(
                    $"Venue symbol '{instrument.VenueSymbol}' of '{instrument.Symbol}' is configured twice (also '{_instruments[existing].Symbol}'), case-insensitively.",
                    nameof(instruments));
            Insert(key, id);
            _scales[id] = new InstrumentScales(instrument.PriceScale, instrument.QuantityScale);
        }
    }

    public int Count => _instruments.Length;

    public Instrument this[int id] => _instruments[id];

    /// <summary>Price and quantity scales by id, for the decoder's hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly InstrumentScales ScalesOf(int id) => ref _scales[id];

    /// <summary>Finds the id of a venue symbol (ASCII case-insensitive). No allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetId(ReadOnlySpan<byte> venueSymbol, out int id)
    {
        int length = venueSymbol.Length;
        if ((uint)(length - 1) >= 16)
            return TryGetLongOrEmpty(venueSymbol, out id);

        Load(venueSymbol, out ulong k0, out ulong k1);
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        int i = Hash(k0, k1, length);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Length == length && slot.K0 == k0 && slot.K1 == k1)
            {
                id = slot.Id;
                return true;
            }
            if (slot.Length == 0)
            {
                id = -1;
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetLongOrEmpty(ReadOnlySpan<byte> venueSymbol, out int id)
    {
        id = -1;
        if (venueSymbol.IsEmpty) return false;
        Load(venueSymbol, out ulong k0, out ulong k1);
        int mask = _slots.Length - 1;
        for (int i = Hash(k0, k1, venueSymbol.Length); _slots[i].Length != 0; i = (i + 1) & mask)
        {
            ref Slot slot = ref _slots[i];
            if (slot.Length == venueSymbol.Length && slot.K0 == k0 && slot.K1 == k1 && FoldedEquals(slot.LongKey!, venueSymbol))
            {
                id = slot.Id;
                return true;
            }
        }
        return false;
    }

    private void Insert(byte[] key, int id)
    {
        Load(key, out ulong k0, out ulong k1);
        int mask = _slots.Length - 1;
        int i = Hash(k0, k1, key.Length);
        while (_slots[i].Length != 0) i = (i + 1) & mask;
        _slots[i] = new Slot { K0 = k0, K1 = k1, Length = key.Length, Id = id, LongKey = key.Length > 16 ? key : null };
    }

    // Two words that, with the length, identify a symbol of up to 16 bytes: the first and last 8 bytes
    // (overlapping for 9..15), or the first and last 4 for 4..7. Longer symbols use the first and last 8
    // as a filter and compare the rest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(ReadOnlySpan<byte> s, out ulong k0, out ulong k1)
    {
        ref byte b = ref MemoryMarshal.GetReference(s);
        int n = s.Length;
        if (n >= 8)
        {
            k0 = Unsafe.ReadUnaligned<ulong>(ref b);
            k1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 8));
        }
        else if (n >= 4)
        {
            k0 = Unsafe.ReadUnaligned<uint>(ref b);
            k1 = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4));
        }
        else
        {
            k0 = b;
            if (n > 1) k0 |= (ulong)Unsafe.Add(ref b, 1) << 8;
            if (n > 2) k0 |= (ulong)Unsafe.Add(ref b, 2) << 16;
            k1 = 0;
        }
        // Setting bit 5 lowers ASCII letters and leaves digits alone; every configured symbol is
        // printable ASCII, so the only other collisions are between punctuation no venue symbol uses.
        k0 |= CaseFold;
        k1 |= CaseFold;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Hash(ulong k0, ulong k1, int length) =>
        (int)(((k0 ^ BitOperations.RotateLeft(k1, 29) ^ (ulong)length) * 0x9E3779B97F4A7C15UL) >> _shift);

    private static bool FoldedEquals(byte[] key, ReadOnlySpan<byte> s)
    {
        Debug.Assert(key.Length == s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if ((key[i] | 0x20) != (s[i] | 0x20)) return false;
        }
        return true;
    }

    private struct Slot
    {
        public ulong K0;
        public ulong K1;
        public int Length;
        public int Id;
        public byte[]? LongKey;
    }
}
