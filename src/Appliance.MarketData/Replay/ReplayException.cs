namespace Appliance.MarketData.Replay;

/// <summary>A journal that cannot be replayed with this configuration (different instruments or streams, an unknown record kind...).</summary>
public sealed class ReplayException(string message) : Exception(message);
