namespace Appliance.Trading.Risk;

/// <summary>The outcome of a pre-trade check: Accepted, or the first limit the order failed. Each refusal is counted by reason.</summary>
public enum RiskReason : byte
{
    Accepted = 0,
    /// <summary>Quantity not positive or not a whole number of lots.</summary>
    InvalidQuantity,
    /// <summary>Price not positive or not on the tick.</summary>
    InvalidPrice,
    /// <summary>An exit or flatten order that would not reduce the position.</summary>
    NotReducing,
    /// <summary>HALTED: only exits pass.</summary>
    Halted,
    /// <summary>REDUCING: only orders that reduce a position pass.</summary>
    ReducingOnly,
    /// <summary>The instrument is not one the strategy trades.</summary>
    NotTraded,
    /// <summary>Indicators not warmed up.</summary>
    NotWarm,
    /// <summary>Outside the session window, or in its closing minutes.</summary>
    SessionClosed,
    /// <summary>Stale feed, gap, overload, reconnect or a price jump: no entries on data we cannot trust.</summary>
    FeedUnhealthy,
    /// <summary>No last trade (or no two-sided book for a mid reference) to check the price against.</summary>
    NoReferencePrice,
    /// <summary>Price outside the fat-finger band around the reference.</summary>
    PriceBand,
    /// <summary>Order quantity above the per-order lot limit.</summary>
    MaxOrderQuantity,
    /// <summary>Order notional above the per-order limit.</summary>
    MaxOrderNotional,
    /// <summary>As many orders working as allowed.</summary>
    MaxOpenOrders,
    /// <summary>Position (with working orders on the same side) would exceed the lot limit.</summary>
    MaxPositionLots,
    /// <summary>Position (with working orders on the same side) would exceed its share of capital.</summary>
    MaxPositionPct,
    /// <summary>Total exposure would exceed its share of capital.</summary>
    MaxExposure,
    /// <summary>The orders-per-second token bucket is empty.</summary>
    RateLimited,
    /// <summary>Every order in the preallocated pool is in use (counted by the order manager, before the checks).</summary>
    OrderPoolFull,
}

public static class RiskReasons
{
    public const int Count = (int)RiskReason.OrderPoolFull + 1;
}
