namespace Appliance.Trading.Engine.Snapshots;

/// <summary>
/// A consistent picture of the trading state for the admin verbs (<c>positions</c>, <c>orders</c>,
/// <c>risk</c>), taken on the reader's thread from what the strategy thread last published. Plain records:
/// serialize with <see cref="Config.TradingJsonContext"/>.
/// </summary>
public sealed record TradingSnapshot(
    long Version,
    long EventIndex,
    long TimeNs,
    RiskSnapshot Risk,
    IReadOnlyList<PositionRow> Positions,
    IReadOnlyList<OrderRow> Orders);

public sealed record PositionRow(
    string Symbol,
    decimal Quantity,
    decimal AveragePrice,
    double Realized,
    double Unrealized,
    decimal LastTrade,
    decimal Bid,
    decimal Ask,
    decimal WorkingBuy,
    decimal WorkingSell,
    string Health,
    string? Exit);

public sealed record OrderRow(
    long ClientOrderId,
    long LocalId,
    string Symbol,
    string Side,
    string State,
    string Origin,
    string TimeInForce,
    decimal Price,
    decimal Quantity,
    decimal Filled,
    long CreatedNs,
    bool CancelPending,
    bool AmendPending);

public sealed record RiskSnapshot(
    string State,
    string Cause,
    string? HaltReason,
    double DailyPnl,
    double Realized,
    double Unrealized,
    double Exposure,
    double MaxExposure,
    double DailyLossLimit,
    int OpenOrders,
    int ConsecutiveLosses,
    long Accepted,
    IReadOnlyDictionary<string, long> Refusals,
    long JumpAlerts,
    long Fills,
    long UnknownReports,
    long Decisions,
    long DecisionsDropped,
    string Gateway,
    ShadowSnapshot? Shadow);

public sealed record ShadowSnapshot(
    string Strategy,
    long Intents,
    long Divergences,
    IReadOnlyList<string> Recent);
