using Appliance.Trading.Config;

namespace Appliance.Trading.Exits;

/// <summary>The <c>exits</c> config as fractions and nanoseconds.</summary>
public sealed class ExitRules
{
    public ExitRules(ExitConfig config)
    {
        Config = config;
        TakeProfit = (double)config.TakeProfitPct / 100;
        StopLoss = (double)config.StopLossPct / 100;
        Trailing = (double)config.TrailingStopPct / 100;
        MaxHoldNs = config.MaxHoldSeconds * 1_000_000_000L;
        EmergencyPpm = (long)(config.EmergencyMovePct * 10_000m);
        Protection = (double)config.ProtectionPct / 100;
        EmergencyProtection = (double)config.EmergencyProtectionPct / 100;
    }

    public ExitConfig Config { get; }
    public double TakeProfit { get; }
    public double StopLoss { get; }
    public double Trailing { get; }
    public long MaxHoldNs { get; }
    public long EmergencyPpm { get; }
    public double Protection { get; }
    public double EmergencyProtection { get; }
    public ExitPriceSource PriceSource => Config.PriceSource;
}
