namespace Appliance.IntegrationTests.Daemon;

/// <summary>
/// The trading, risk and strategy sections the trading tests splice into a daemon config: the reference
/// strategy on BTC-USDT, tuned to the simulator's market so it enters within seconds (indicators on every
/// trade, short periods) and leaves within seconds (small take-profit and stop-loss, a few seconds' hold).
/// </summary>
public static class TradingConfigs
{
    public static string Sections(string gateway, string decisionDirectory, int port = 0, string? apiKeyFile = null, bool eventDigest = true) => $$"""
        "trading": {
          "gateway": "{{gateway}}",
          {{(gateway == "venue" ? $$"""
          "venue": { "url": "ws://127.0.0.1:{{port}}/trade", {{(apiKeyFile is null ? "" : $"\"apiKeyFile\": {System.Text.Json.JsonSerializer.Serialize(apiKeyFile)},")}} "requestsPerSecond": 20 },
          """ : "")}}
          "decisionLog": { "directory": {{System.Text.Json.JsonSerializer.Serialize(decisionDirectory)}}, "logLines": true, "eventDigest": {{(eventDigest ? "true" : "false")}} }
        },
        "risk": { "capital": 100000, "maxOrderNotional": 5000, "maxOrderLots": 1000000, "maxPositionLots": 1000000,
                  "ordersPerSecond": 5, "orderBurst": 10, "dailyLossLimit": 5000, "maxConsecutiveLosses": 0 },
        "strategy": {
          "instruments": [ "BTC-USDT" ], "orderNotional": 2000,
          "indicators": { "input": "trades", "emaFast": 8, "emaSlow": 30, "macdFast": 8, "macdSlow": 30, "macdSignal": 5, "rsiPeriod": 14 },
          "emaCrossover": { "rsiMaxForLong": 80, "rsiMinForShort": 20, "confirmationTicks": 2 },
          "exits": { "takeProfitPct": 0.05, "stopLossPct": 0.05, "maxHoldSeconds": 5 }
        },
        """;
}
