using System.Globalization;
using Appliance.Trading.Sessions;
using Appliance.Trading.Strategies;

namespace Appliance.Trading.Config;

/// <summary>
/// Checks the <c>trading</c>, <c>risk</c> and <c>strategy</c> sections and returns every problem at once,
/// each with its JSON path, so an operator fixes the file in one go (the daemon exits with EX_CONFIG).
/// </summary>
public static class TradingConfigValidator
{
    /// <param name="symbols">Our symbols of the configured instruments.</param>
    /// <param name="root">Path of the object that holds the three sections.</param>
    public static List<ConfigError> Validate(TradingConfig? trading, RiskConfig? risk, StrategyConfig? strategy, IReadOnlyCollection<string> symbols, string root = "$")
    {
        var errors = new List<ConfigError>();
        if (trading is null) errors.Add(new($"{root}.trading", "is required"));
        else ValidateTrading(trading, symbols, $"{root}.trading", errors);
        if (risk is null) errors.Add(new($"{root}.risk", "is required"));
        else ValidateRisk(risk, symbols, $"{root}.risk", errors);
        if (strategy is null) errors.Add(new($"{root}.strategy", "is required"));
        else ValidateStrategy(strategy, symbols, $"{root}.strategy", errors);
        return errors;
    }

    public static void ValidateTrading(TradingConfig c, IReadOnlyCollection<string> symbols, string path, List<ConfigError> errors)
    {
        Defined(c.Gateway, $"{path}.gateway", errors);
        Range(c.OrderPoolSize, 1, 65_536, $"{path}.orderPoolSize", errors);
        if (c.ClientOrderIdBase is < 0) errors.Add(new($"{path}.clientOrderIdBase", "must not be negative"));
        Range(c.MaxQuoteLevels, 1, 26, $"{path}.maxQuoteLevels", errors);
        Percent(c.FlattenProtectionPct, $"{path}.flattenProtectionPct", errors, allowZero: false, max: 50m);
        if (c.Paper is null) errors.Add(new($"{path}.paper", "must not be null"));
        else
        {
            Range(c.Paper.LatencyMicros, 0, 10_000_000, $"{path}.paper.latencyMicros", errors);
            if (c.Paper.SlippageBps < 0 || c.Paper.SlippageBps > 10_000) errors.Add(new($"{path}.paper.slippageBps", $"must be 0..10000, is {c.Paper.SlippageBps}"));
        }
        if (c.DecisionLog is null) errors.Add(new($"{path}.decisionLog", "must not be null"));
        else if (c.DecisionLog.RingCapacity < 1024 || (c.DecisionLog.RingCapacity & (c.DecisionLog.RingCapacity - 1)) != 0)
            errors.Add(new($"{path}.decisionLog.ringCapacity", $"must be a power of two of at least 1024, is {c.DecisionLog.RingCapacity}"));
        else if (c.DecisionLog.Directory is { Length: 0 })
            errors.Add(new($"{path}.decisionLog.directory", "must not be empty (leave it out for no journal)"));

        if (c.Gateway == GatewayKind.Venue && c.Venue is null) errors.Add(new($"{path}.venue", "is required when gateway is \"venue\""));
        if (c.Venue is { } v)
        {
            string vp = $"{path}.venue";
            if (!Uri.TryCreate(v.Url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
                errors.Add(new($"{vp}.url", $"must be a ws:// or wss:// URL, is \"{v.Url}\""));
            if (v.ApiKeyFile is { Length: 0 }) errors.Add(new($"{vp}.apiKeyFile", "must not be empty (leave it out for a venue without login)"));
            Positive(v.RequestsPerSecond, $"{vp}.requestsPerSecond", errors, maxDecimals: 3);
            Range(v.RequestBurst, 1, 100_000, $"{vp}.requestBurst", errors);
            Range(v.ReconnectInitialMs, 1, 600_000, $"{vp}.reconnectInitialMs", errors);
            Range(v.ReconnectMaxMs, Math.Max(1, v.ReconnectInitialMs), 3_600_000, $"{vp}.reconnectMaxMs", errors);
            Range(v.ResendWindowMs, 0, 600_000, $"{vp}.resendWindowMs", errors);
            Range(v.RequestTimeoutMs, 10, 600_000, $"{vp}.requestTimeoutMs", errors);
        }
        if (c.Shadow is not null) ValidateStrategy(c.Shadow, symbols, $"{path}.shadow", errors);
    }

    public static void ValidateRisk(RiskConfig c, IReadOnlyCollection<string> symbols, string path, List<ConfigError> errors)
    {
        Positive(c.Capital, $"{path}.capital", errors);
        Percent(c.MaxPositionPctOfCapital, $"{path}.maxPositionPctOfCapital", errors, allowZero: false);
        Percent(c.MaxTotalExposurePct, $"{path}.maxTotalExposurePct", errors, allowZero: false);
        if (c.MaxPositionLots <= 0) errors.Add(new($"{path}.maxPositionLots", $"must be positive, is {c.MaxPositionLots}"));
        if (c.MaxOrderLots <= 0) errors.Add(new($"{path}.maxOrderLots", $"must be positive, is {c.MaxOrderLots}"));
        Positive(c.MaxOrderNotional, $"{path}.maxOrderNotional", errors);
        Percent(c.PriceBandPct, $"{path}.priceBandPct", errors, allowZero: false, maxDecimals: 4);
        Defined(c.PriceBandReference, $"{path}.priceBandReference", errors);
        Positive(c.OrdersPerSecond, $"{path}.ordersPerSecond", errors, maxDecimals: 3);
        Range(c.OrderBurst, 1, 1_000_000, $"{path}.orderBurst", errors);
        Range(c.MaxOpenOrders, 1, 1_000_000, $"{path}.maxOpenOrders", errors);
        Positive(c.DailyLossLimit, $"{path}.dailyLossLimit", errors);
        if (c.ReduceAtLossFraction <= 0 || c.ReduceAtLossFraction > 1)
            errors.Add(new($"{path}.reduceAtLossFraction", $"must be in (0, 1] (1 turns it off), is {c.ReduceAtLossFraction}"));
        Defined(c.OnDailyLoss, $"{path}.onDailyLoss", errors);
        Range(c.MaxConsecutiveLosses, 0, 1_000_000, $"{path}.maxConsecutiveLosses", errors);
        Defined(c.FeedGate, $"{path}.feedGate", errors);
        Range(c.GapClearSeconds, 0, 86_400, $"{path}.gapClearSeconds", errors);
        Percent(c.JumpAlertPct, $"{path}.jumpAlertPct", errors, allowZero: true, maxDecimals: 4, max: 1_000m);
        Defined(c.JumpAction, $"{path}.jumpAction", errors);
        Range(c.JumpBlockSeconds, 0, 86_400, $"{path}.jumpBlockSeconds", errors);
        if (c.Instruments is null) errors.Add(new($"{path}.instruments", "must not be null"));
        else
        {
            foreach ((string symbol, InstrumentRiskConfig o) in c.Instruments)
            {
                string ip = $"{path}.instruments.{symbol}";
                if (!symbols.Contains(symbol)) errors.Add(new(ip, $"'{symbol}' is not a configured instrument"));
                if (o.MaxPositionLots is <= 0) errors.Add(new($"{ip}.maxPositionLots", $"must be positive, is {o.MaxPositionLots}"));
                if (o.MaxOrderLots is <= 0) errors.Add(new($"{ip}.maxOrderLots", $"must be positive, is {o.MaxOrderLots}"));
            }
        }
    }

    public static void ValidateStrategy(StrategyConfig c, IReadOnlyCollection<string> symbols, string path, List<ConfigError> errors)
    {
        if (!StrategyFactory.Names.Contains(c.Name))
            errors.Add(new($"{path}.name", $"unknown strategy \"{c.Name}\" (known: {string.Join(", ", StrategyFactory.Names)})"));
        if (c.Instruments is null || c.Instruments.Count == 0) errors.Add(new($"{path}.instruments", "must name at least one instrument"));
        else
        {
            var seen = new HashSet<string>();
            for (int i = 0; i < c.Instruments.Count; i++)
            {
                if (!symbols.Contains(c.Instruments[i])) errors.Add(new($"{path}.instruments[{i}]", $"'{c.Instruments[i]}' is not a configured instrument"));
                if (!seen.Add(c.Instruments[i])) errors.Add(new($"{path}.instruments[{i}]", $"'{c.Instruments[i]}' is listed twice"));
            }
        }
        Positive(c.OrderNotional, $"{path}.orderNotional", errors);

        if (c.Indicators is null) errors.Add(new($"{path}.indicators", "must not be null"));
        else
        {
            IndicatorConfig ind = c.Indicators;
            string ip = $"{path}.indicators";
            Defined(ind.Input, $"{ip}.input", errors);
            Range(ind.EmaFast, 1, 100_000, $"{ip}.emaFast", errors);
            Range(ind.EmaSlow, 2, 100_000, $"{ip}.emaSlow", errors);
            if (ind.EmaFast >= ind.EmaSlow) errors.Add(new($"{ip}.emaFast", $"must be shorter than emaSlow ({ind.EmaSlow}), is {ind.EmaFast}"));
            Range(ind.MacdFast, 1, 100_000, $"{ip}.macdFast", errors);
            Range(ind.MacdSlow, 2, 100_000, $"{ip}.macdSlow", errors);
            if (ind.MacdFast >= ind.MacdSlow) errors.Add(new($"{ip}.macdFast", $"must be shorter than macdSlow ({ind.MacdSlow}), is {ind.MacdFast}"));
            Range(ind.MacdSignal, 1, 100_000, $"{ip}.macdSignal", errors);
            Range(ind.RsiPeriod, 1, 100_000, $"{ip}.rsiPeriod", errors);
            Range(ind.BollingerPeriod, 2, 100_000, $"{ip}.bollingerPeriod", errors);
            if (ind.BollingerWidth < 0 || ind.BollingerWidth > 100) errors.Add(new($"{ip}.bollingerWidth", $"must be 0..100, is {ind.BollingerWidth}"));
            Range(ind.AtrPeriod, 1, 100_000, $"{ip}.atrPeriod", errors);
            if (ind.Bar is null) errors.Add(new($"{ip}.bar", "must not be null"));
            else
            {
                Defined(ind.Bar.Kind, $"{ip}.bar.kind", errors);
                if (ind.Bar.Size <= 0) errors.Add(new($"{ip}.bar.size", $"must be positive, is {ind.Bar.Size}"));
                else if (ind.Bar.Kind != BarKindConfig.Volume && ind.Bar.Size != decimal.Truncate(ind.Bar.Size))
                    errors.Add(new($"{ip}.bar.size", $"must be a whole number of {(ind.Bar.Kind == BarKindConfig.Time ? "milliseconds" : "trades")}, is {ind.Bar.Size}"));
            }
        }

        if (c.EmaCrossover is null) errors.Add(new($"{path}.emaCrossover", "must not be null"));
        else
        {
            string ep = $"{path}.emaCrossover";
            if (c.EmaCrossover.RsiMaxForLong is < 0 or > 100) errors.Add(new($"{ep}.rsiMaxForLong", $"must be 0..100, is {c.EmaCrossover.RsiMaxForLong}"));
            if (c.EmaCrossover.RsiMinForShort is < 0 or > 100) errors.Add(new($"{ep}.rsiMinForShort", $"must be 0..100, is {c.EmaCrossover.RsiMinForShort}"));
            Range(c.EmaCrossover.ConfirmationTicks, 0, 1_000_000, $"{ep}.confirmationTicks", errors);
        }

        if (c.Session is { } s)
        {
            string sp = $"{path}.session";
            try { TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            { errors.Add(new($"{sp}.timeZone", $"unknown time zone \"{s.TimeZone}\"")); }
            TimeSpan? start = TimeOfDay(s.Start, $"{sp}.start", errors);
            TimeSpan? end = TimeOfDay(s.End, $"{sp}.end", errors);
            if (s.Days is null) errors.Add(new($"{sp}.days", "must not be null (empty means every day)"));
            else
            {
                for (int i = 0; i < s.Days.Count; i++)
                    if (SessionCalendar.ParseDay(s.Days[i] ?? "") is null) errors.Add(new($"{sp}.days[{i}]", $"\"{s.Days[i]}\" is not a day (Mon..Sun)"));
            }
            if (s.ForcedExitMinutes < 0) errors.Add(new($"{sp}.forcedExitMinutes", $"must not be negative, is {s.ForcedExitMinutes}"));
            else if (start is { } a && end is { } b)
            {
                TimeSpan length = b > a ? b - a : b - a + TimeSpan.FromDays(1);
                if (TimeSpan.FromMinutes(s.ForcedExitMinutes) >= length)
                    errors.Add(new($"{sp}.forcedExitMinutes", $"{s.ForcedExitMinutes} minutes is not shorter than the session ({length:hh\\:mm})"));
            }
        }

        if (c.Exits is null) errors.Add(new($"{path}.exits", "must not be null"));
        else
        {
            ExitConfig x = c.Exits;
            string xp = $"{path}.exits";
            Percent(x.TakeProfitPct, $"{xp}.takeProfitPct", errors, allowZero: true, max: 10_000m);
            Percent(x.StopLossPct, $"{xp}.stopLossPct", errors, allowZero: true, max: 100m);
            Percent(x.TrailingStopPct, $"{xp}.trailingStopPct", errors, allowZero: true, max: 100m);
            Percent(x.EmergencyMovePct, $"{xp}.emergencyMovePct", errors, allowZero: true, maxDecimals: 4, max: 100m);
            Range(x.MaxHoldSeconds, 0, 100 * 86_400, $"{xp}.maxHoldSeconds", errors);
            Defined(x.PriceSource, $"{xp}.priceSource", errors);
            Percent(x.ProtectionPct, $"{xp}.protectionPct", errors, allowZero: false, max: 50m);
            Percent(x.EmergencyProtectionPct, $"{xp}.emergencyProtectionPct", errors, allowZero: false, max: 50m);
        }
    }

    private static TimeSpan? TimeOfDay(string? text, string path, List<ConfigError> errors)
    {
        try { return SessionCalendar.ParseTimeOfDay(text ?? "", path); }
        catch (FormatException) { errors.Add(new(path, $"must be a time of day HH:mm, is \"{text}\"")); return null; }
    }

    private static void Range(int value, int min, int max, string path, List<ConfigError> errors)
    {
        if (value < min || value > max) errors.Add(new(path, $"must be {min}..{max}, is {value}"));
    }

    private static void Positive(decimal value, string path, List<ConfigError> errors, int maxDecimals = 28)
    {
        if (value <= 0) errors.Add(new(path, $"must be positive, is {value.ToString(CultureInfo.InvariantCulture)}"));
        else Decimals(value, maxDecimals, path, errors);
    }

    private static void Percent(decimal value, string path, List<ConfigError> errors, bool allowZero, int maxDecimals = 28, decimal max = 100m)
    {
        if (value < 0 || (!allowZero && value == 0) || value > max)
            errors.Add(new(path, $"must be {(allowZero ? "0" : "above 0")} up to {max} percent, is {value.ToString(CultureInfo.InvariantCulture)}"));
        else Decimals(value, maxDecimals, path, errors);
    }

    private static void Decimals(decimal value, int maxDecimals, string path, List<ConfigError> errors)
    {
        if (decimal.Round(value, maxDecimals) != value) errors.Add(new(path, $"may have at most {maxDecimals} decimals, is {value.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void Defined<T>(T value, string path, List<ConfigError> errors) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) errors.Add(new(path, $"\"{value}\" is not one of {string.Join(", ", Enum.GetNames<T>())}"));
    }
}
