using Appliance.Trading.Config;

namespace Appliance.Trading.Risk;

/// <summary>
/// The <c>risk</c> section turned into the numbers the hot path compares: money as doubles in the quote
/// currency (exact for round amounts, see <see cref="Engine.InstrumentSpec"/>), fractions as integer parts
/// per million so the price band compares integers.
/// </summary>
public sealed class RiskLimits
{
    public const long Million = 1_000_000;

    public RiskLimits(RiskConfig config)
    {
        Config = config;
        Capital = (double)config.Capital;
        MaxPositionMoney = (double)(config.Capital * config.MaxPositionPctOfCapital / 100m);
        MaxExposureMoney = (double)(config.Capital * config.MaxTotalExposurePct / 100m);
        MaxOrderNotional = (double)config.MaxOrderNotional;
        PriceBandPpm = (long)(config.PriceBandPct * 10_000m);
        MaxOpenOrders = config.MaxOpenOrders;
        DailyLossLimit = (double)config.DailyLossLimit;
        ReduceAtLoss = config.ReduceAtLossFraction >= 1 ? double.PositiveInfinity : (double)(config.DailyLossLimit * config.ReduceAtLossFraction);
        MaxConsecutiveLosses = config.MaxConsecutiveLosses;
        GapClearNs = config.GapClearSeconds * 1_000_000_000L;
        JumpPpm = (long)(config.JumpAlertPct * 10_000m);
        JumpBlockNs = config.JumpBlockSeconds * 1_000_000_000L;
    }

    public RiskConfig Config { get; }
    public double Capital { get; }
    public double MaxPositionMoney { get; }
    public double MaxExposureMoney { get; }
    public double MaxOrderNotional { get; }
    public long PriceBandPpm { get; }
    public int MaxOpenOrders { get; }
    public double DailyLossLimit { get; }
    /// <summary>Loss at which the state becomes REDUCING (infinite when off).</summary>
    public double ReduceAtLoss { get; }
    public int MaxConsecutiveLosses { get; }
    public long GapClearNs { get; }
    /// <summary>Jump alert threshold in parts per million of the previous trade; 0 is off.</summary>
    public long JumpPpm { get; }
    public long JumpBlockNs { get; }

    /// <summary>Lot limits of one instrument (overrides applied), in lots.</summary>
    public (long MaxPositionLots, long MaxOrderLots) LotsFor(string symbol)
    {
        long position = Config.MaxPositionLots, order = Config.MaxOrderLots;
        if (Config.Instruments.TryGetValue(symbol, out InstrumentRiskConfig? o))
        {
            position = o.MaxPositionLots ?? position;
            order = o.MaxOrderLots ?? order;
        }
        return (position, order);
    }
}
