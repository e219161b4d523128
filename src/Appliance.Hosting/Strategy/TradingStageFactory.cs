using Appliance.Logging;
using Appliance.MarketData.Books;
using Appliance.Primitives.Threading;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Gateways.Venue;

namespace Appliance.Hosting.Strategy;

/// <summary>
/// Builds the trading engine over the strategy loop's books, with the gateway the config names: the daemon
/// (paper or venue, its decision journal in a directory of its own per run) and `appliance replay` (always
/// paper, no journal) both build it here, so a replay runs the engine the daemon ran. Cold path.
/// </summary>
public static class TradingStageFactory
{
    /// <param name="trading">The trading section as this run uses it (the caller adjusts the decision log or gateway).</param>
    /// <param name="apiKey">The venue login key (a secret: never logged); required with the venue gateway.</param>
    /// <param name="gatewayCpus">CPUs for the venue gateway's threads (the housekeeping CPUs); null: anywhere.</param>
    public static TradingStage Create(TradingConfig trading, RiskConfig risk, StrategyConfig strategy, BookSet books,
        LogSystem? logs, bool backgroundDecisionLog, string? apiKey = null, CpuSet? gatewayCpus = null)
    {
        var bookArray = new OrderBook?[books.Count];
        for (int i = 0; i < bookArray.Length; i++) bookArray[i] = books[i];
        VenueGateway? venue = null;
        if (trading.Gateway == GatewayKind.Venue)
        {
            VenueGatewayConfig config = trading.Venue ?? throw new ArgumentException("trading.venue is required with the venue gateway", nameof(trading));
            if (string.IsNullOrEmpty(apiKey)) throw new ArgumentException("the venue gateway needs an API key", nameof(apiKey));
            venue = new VenueGateway(new VenueGatewayOptions
            {
                Config = config,
                Instruments = books.Instruments,
                ApiKey = apiKey,
                Log = logs?.GetLogger("Trading.Venue"),
                Cpus = gatewayCpus,
            });
        }
        try
        {
            var engine = new TradingEngine(new TradingEngineOptions
            {
                Instruments = books.Instruments,
                Books = bookArray,
                Trading = trading,
                Risk = risk,
                Strategy = strategy,
                Logs = logs,
                BackgroundDecisionLog = backgroundDecisionLog,
                GatewayFactory = venue is null ? null : _ => venue,
            });
            return new TradingStage(engine, venue);
        }
        catch
        {
            venue?.Dispose();
            throw;
        }
    }
}
