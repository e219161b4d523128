using Appliance.MarketData.Books;
using Appliance.Trading.Engine;
using Appliance.Trading.Indicators;
using Appliance.Trading.Positions;
using Appliance.Trading.Risk;
using Appliance.Trading.Sessions;

namespace Appliance.Trading.Strategies;

/// <summary>
/// What a strategy may read during a call: event time, session phase, trading state, and read-only views
/// of books, its indicators and its positions. A shadow strategy's context shows its own virtual
/// positions, not the live ones.
/// </summary>
public sealed class StrategyContext
{
    private readonly InstrumentState[] _instruments;
    private readonly OrderBook?[] _books;
    private readonly IndicatorSet?[] _indicators;
    private readonly Position[]? _virtualPositions;
    private readonly int[] _traded;

    public StrategyContext(InstrumentState[] instruments, OrderBook?[] books, IndicatorSet?[] indicators, int[] traded, Position[]? virtualPositions = null)
    {
        _instruments = instruments;
        _books = books;
        _indicators = indicators;
        _traded = traded;
        _virtualPositions = virtualPositions;
    }

    /// <summary>Event time (Unix ns): the latest exchange time seen. Never the wall clock.</summary>
    public long NowNs { get; internal set; }

    /// <summary>Market events seen so far, this one included.</summary>
    public long EventIndex { get; internal set; }

    public SessionPhase Session { get; internal set; }

    public TradingState TradingState { get; internal set; }

    public ReadOnlySpan<int> TradedInstruments => _traded;

    public int InstrumentCount => _instruments.Length;

    public InstrumentSpec Instrument(int id) => _instruments[id].Spec;

    public bool IsTraded(int id) => (uint)id < (uint)_indicators.Length && _indicators[id] is not null;

    public BookView Book(int id) => new((uint)id < (uint)_books.Length ? _books[id] : null);

    /// <summary>Indicators of a traded instrument.</summary>
    public IndicatorView Indicators(int id) => new(_indicators[id] ?? throw new ArgumentException($"Instrument {id} is not traded by this strategy.", nameof(id)));

    public long LastTrade(int id) => _instruments[id].LastTrade;

    public PositionView Position(int id)
    {
        InstrumentState s = _instruments[id];
        if (_virtualPositions is not null)
        {
            ref Position v = ref _virtualPositions[id];
            return new PositionView(v.Quantity, v.AveragePrice, v.Realized, v.Unrealized(s.Mark, s.Spec.NotionalDivisor), v.OpenedAtNs, 0, 0);
        }
        ref Position p = ref s.Position;
        return new PositionView(p.Quantity, p.AveragePrice, p.Realized, s.Unrealized, p.OpenedAtNs, s.WorkingBuy, s.WorkingSell);
    }
}
