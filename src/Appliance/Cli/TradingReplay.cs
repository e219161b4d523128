using Appliance.Hosting.Config;
using Appliance.Hosting.Strategy;
using Appliance.MarketData.Books;
using Appliance.MarketData.Events;
using Appliance.MarketData.Feed;
using Appliance.MarketData.Instruments;
using Appliance.MarketData.Replay;
using Appliance.Trading.Config;
using Appliance.Trading.Control;
using Appliance.Trading.Engine;

namespace Appliance.Cli;

/// <summary>
/// The strategy thread's seat in `appliance replay` when the config trades: each replayed event goes through
/// the same <see cref="BookSet"/> and <see cref="TradingStage"/> the daemon's strategy loop uses, with the
/// paper gateway (its fills follow from the events; the venue's do not, and are not in the journal) and no
/// journal of its own. Operator commands the live decision journal recorded are applied after the same
/// event as live, so a session with a halt or a stop's flatten replays to the same decisions.
/// </summary>
internal sealed class TradingReplay : IDisposable
{
    private readonly BookSet _books;
    private readonly IReadOnlyList<(long AfterEvent, ControlCommandKind Kind)> _commands;
    private MarketEvent _scratch;
    private int _nextCommand;
    private long _events;

    public TradingReplay(ApplianceConfig config, InstrumentTable instruments, RecordedCommands? recorded)
    {
        _books = new BookSet(instruments, config.Instruments.Select(i => i.BookDepth).ToArray());
        _commands = recorded?.Commands ?? [];
        TradingConfig live = config.Trading!;
        TradingConfig replay = live with
        {
            Gateway = GatewayKind.Paper,
            DecisionLog = live.DecisionLog with { Directory = null, LogLines = false },
        };
        RecordedGateway = live.Gateway;
        Stage = TradingStageFactory.Create(replay, config.Risk, config.Strategy, _books, logs: null, backgroundDecisionLog: false);
    }

    public TradingStage Stage { get; }

    public TradingEngine Engine => Stage.Engine;

    /// <summary>The gateway the session was recorded with (replay always fills on paper).</summary>
    public GatewayKind RecordedGateway { get; }

    public int CommandsApplied => _nextCommand;

    public int CommandsLeft => _commands.Count - _nextCommand;

    /// <summary>One event as the strategy loop handles it: commands due, then the book, then the engine.</summary>
    public void OnEvent(in MarketEvent ev)
    {
        ApplyCommandsDue();
        // The books take the event by ref; the processor's staging slot stays untouched.
        _scratch = ev;
        OrderBook? book = _books.Apply(ref _scratch);
        Stage.OnEvent(in _scratch, book);
        // Drained here, not by a thread: a replay at full speed never fills the decision ring.
        if ((++_events & 1023) == 0) Engine.Decisions.Drain();
    }

    /// <summary>After the last event: the commands the live session applied after it (a stop's reduce and flatten).</summary>
    public void Finish() => ApplyCommandsDue();

    private void ApplyCommandsDue()
    {
        while (_nextCommand < _commands.Count && _commands[_nextCommand].AfterEvent <= Engine.EventIndex)
            Stage.ApplyRecorded(_commands[_nextCommand++].Kind);
    }

    public string Digest() => Stage.DecisionDigest(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("the decision log did not drain");

    public void Dispose() => Stage.Dispose();
}

/// <summary>Replay's feed sink when trading: every event into its group's digest and into the trading engine.</summary>
internal readonly struct TradingReplaySink(EventDigest digest, TradingReplay trading) : IFeedEventSink
{
    public void Publish(ReadOnlySpan<MarketEvent> events)
    {
        foreach (ref readonly MarketEvent ev in events)
        {
            digest.Append(in ev);
            trading.OnEvent(in ev);
        }
    }

    public void Poll(long now)
    {
    }
}
