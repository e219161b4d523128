namespace Appliance.Venue.Market;

/// <summary>Where the market stands: the answer to pause, resume and step.</summary>
public sealed record PauseState(bool Paused, long Steps, long Messages, IReadOnlyList<InstrumentIds> Instruments);

/// <summary>The last ids an instrument published.</summary>
public sealed record InstrumentIds(string Symbol, long LastUpdateId, long LastTradeId, long LastAggTradeId);
