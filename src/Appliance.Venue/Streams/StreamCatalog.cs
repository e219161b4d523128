using System.Text;
using Appliance.Venue.Market;

namespace Appliance.Venue.Streams;

/// <summary>
/// Every stream the venue can serve, by slot (instrument × 16 + kind): its name ("btcusdt@depth@100ms") and
/// the combined-stream wrapper prefix (<c>{"stream":"btcusdt@depth@100ms","data":</c>) prebuilt as bytes.
/// </summary>
public sealed class StreamCatalog
{
    private readonly string[] _names;
    private readonly byte[][] _prefixes;
    private readonly Dictionary<string, int> _symbols = new(StringComparer.OrdinalIgnoreCase);

    public StreamCatalog(IReadOnlyList<VenueInstrument> instruments)
    {
        Instruments = instruments;
        int slots = instruments.Count * StreamKinds.SlotsPerInstrument;
        _names = new string[slots];
        _prefixes = new byte[slots][];
        for (int i = 0; i < instruments.Count; i++)
        {
            _symbols[instruments[i].Symbol] = i;
            for (int k = 0; k < StreamKinds.Count; k++)
            {
                int slot = Slot(i, (StreamKind)k);
                _names[slot] = instruments[i].StreamSymbol + "@" + StreamKinds.Suffixes[k];
                _prefixes[slot] = Encoding.ASCII.GetBytes("{\"stream\":\"" + _names[slot] + "\",\"data\":");
            }
        }
    }

    public IReadOnlyList<VenueInstrument> Instruments { get; }

    public int SlotCount => _names.Length;

    public static int Slot(int instrument, StreamKind kind) => instrument * StreamKinds.SlotsPerInstrument + (int)kind;

    public string NameOf(int slot) => _names[slot];

    public byte[] CombinedPrefixOf(int slot) => _prefixes[slot];

    public bool TryGetInstrument(string symbol, out int instrument) => _symbols.TryGetValue(symbol, out instrument);

    /// <summary>Parses "btcusdt@depth5@100ms". Symbols match case-insensitively; the kind is case-sensitive, as at Binance.</summary>
    public bool TryParse(string name, out int instrument, out StreamKind kind)
    {
        instrument = -1;
        kind = default;
        int at = name.IndexOf('@');
        if (at <= 0) return false;
        return _symbols.TryGetValue(name[..at], out instrument) && StreamKinds.TryParseSuffix(name.AsSpan(at + 1), out kind);
    }
}
