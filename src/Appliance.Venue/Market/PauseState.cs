namespace Appliance.Venue.Market;

/// <summary>Where the market stands: the answer to pause, resume and step.</summary>
public sealed record PauseState(bool Paused, long Steps, long Messages, IReadOnlyList<InstrumentIds> Instruments);
