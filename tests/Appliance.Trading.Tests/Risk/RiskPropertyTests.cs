using System.Diagnostics;
using Appliance.MarketData.Events;
using Appliance.Trading.Config;
using Appliance.Trading.Engine;
using Appliance.Trading.Orders;
using Appliance.Trading.Risk;
using Appliance.Trading.Tests.TestSupport;

namespace Appliance.Trading.Tests.Risk;

/// <summary>
/// One million random intents over random price paths (drifts, jumps), with random fills, partial fills
/// and cancels of what was accepted, breakers tripping and operators resuming. Every accepted order is
/// checked against the limits recomputed here from scratch: none may breach one, and the worst-case
/// exposure (every working order filled) never exceeds its maximum at the moment an order is accepted.
/// </summary>
public class RiskPropertyTests
{
    private sealed record Working(int Instrument, Side Side, long Price, bool Exit)
    {
        public long Remaining { get; set; }
    }

    [Test]
    public void A_million_random_intents_never_breach_a_limit()
    {
        RiskConfig config = new()
        {
            // Sized so that every limit binds somewhere along the walk (prices around 100.00):
            Capital = 10_000m,
            MaxPositionPctOfCapital = 10m,  // 1 000: binds BTC near 10.000
            MaxPositionLots = 1_200,        // BTC 12.000 (the share binds first), ETH 1.200 (this binds)
            MaxTotalExposurePct = 10.5m,    // 1 050: BTC near its share plus a little ETH
            MaxOrderNotional = 250m,        // BTC orders up to 3.000 ≈ 300
            MaxOrderLots = 300,             // intents go up to 400 lots
            PriceBandPct = 1.5m,
            OrdersPerSecond = 5m,
            OrderBurst = 10,
            MaxOpenOrders = 12,
            DailyLossLimit = 100m,
            ReduceAtLossFraction = 0.8m,
            MaxConsecutiveLosses = 6,
        };
        var f = new RiskFixture(config);
        var limits = new RiskLimits(config);
        var random = new Random(20240611);
        var working = new List<Working>();
        var acceptTimes = new Queue<long>();
        long accepted = 0, refused = 0, fills = 0;
        long[] price = [10_000, 10_000];
        var clock = Stopwatch.StartNew();

        for (int step = 0; step < 1_000_000; step++)
        {
            f.Now += random.Next(1_000_000, 40_000_000); // 1–40 ms

            // Prices: a small random move most of the time, a jump now and then.
            int moved = random.Next(2);
            InstrumentState m = f.Instruments[moved];
            long tick = m.Spec.TickSize;
            long delta = random.Next(100) == 0 ? random.Next(-400, 401) : random.Next(-3, 4);
            price[moved] = Math.Clamp(price[moved] + delta * tick, 5_000, 20_000);
            f.SetPrice(moved, price[moved]);

            // Resolve some working orders.
            if (working.Count > 0 && random.Next(3) == 0)
            {
                int k = random.Next(working.Count);
                Working w = working[k];
                InstrumentState s = f.Instruments[w.Instrument];
                long lot = s.Spec.LotSize;
                if (random.Next(4) == 0)
                {
                    f.Risk.RemoveWorking(s, w.Side, w.Remaining, w.Exit, orderDone: true);
                    working.RemoveAt(k);
                }
                else
                {
                    long qty = Math.Max(lot, w.Remaining / lot / 2 * lot);
                    if (random.Next(2) == 0) qty = w.Remaining;
                    bool done = qty == w.Remaining;
                    f.Risk.RemoveWorking(s, w.Side, qty, w.Exit, done);
                    w.Remaining -= qty;
                    if (done) working.RemoveAt(k);
                    f.Risk.OnFill(s, w.Side, qty, w.Price, f.Now);
                    fills++;
                    Require(Math.Abs(s.Position.Quantity) <= s.MaxPositionUnits, "position after a fill");
                    if (s.Position.IsFlat) CancelAll(f, working, s.Id, exitsOnly: true);
                }
            }

            // Operators: resume a halt now and then; a new trading day every ~100k steps.
            if (f.Risk.State != TradingState.Active && random.Next(300) == 0) f.Risk.Resume(f.Now);
            if (step % 100_000 == 99_999) f.Risk.StartDay(f.Now);
            f.Risk.ClearTransitions();

            // A random intent.
            int id = random.Next(2);
            InstrumentState t = f.Instruments[id];
            Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            long lots = random.Next(1, 400);
            long quantity = lots * t.Spec.LotSize;
            if (random.Next(20) == 0) quantity += 1; // not a whole lot now and then
            long offset = random.Next(-175, 176) * t.Spec.TickSize;
            long orderPrice = Math.Max(t.Spec.TickSize, price[id] + offset);
            OrderOrigin origin = random.Next(10) == 0 ? OrderOrigin.Exit : OrderOrigin.Strategy;
            if (origin == OrderOrigin.Exit && !t.Position.IsFlat)
            {
                side = t.Position.Quantity > 0 ? Side.Sell : Side.Buy;
                quantity = Math.Min(quantity, Math.Abs(t.Position.Quantity));
            }
            var request = new OrderRequest(id, side, quantity, orderPrice, origin);

            // Everything the checks may depend on, before the call.
            long position = t.Position.Quantity, buys = t.WorkingBuy, sells = t.WorkingSell, exits = t.WorkingExit;
            int open = f.Risk.OpenOrders;
            TradingState state = f.Risk.State;
            double othersExposure = 0;
            foreach (InstrumentState o in f.Instruments)
                if (o != t) othersExposure += o.Spec.Notional(RiskEngine.WorstCase(o.Position.Quantity, o.WorkingBuy, o.WorkingSell), o.Mark);

            RiskReason reason = f.Risk.Check(request, f.Now);
            if (reason != RiskReason.Accepted) { refused++; continue; }
            accepted++;

            Require(quantity % t.Spec.LotSize == 0, "whole lots");
            if (origin == OrderOrigin.Exit)
            {
                long held = Math.Abs(position);
                Require(side == Side.Sell ? position > 0 : position < 0, "an exit reduces");
                Require(exits + quantity <= held, "exits never exceed the position");
                CancelAll(f, working, id, exitsOnly: false); // the engine cancels the strategy's orders when an exit fires
            }
            else
            {
                Require(state != TradingState.Halted, "nothing but exits while HALTED");
                Require(quantity <= t.MaxOrderUnits, "order lots");
                Require(t.Spec.Notional(quantity, orderPrice) <= limits.MaxOrderNotional, "order notional");
                Require(Math.Abs(orderPrice - t.LastTrade) * 1_000_000L <= t.LastTrade * limits.PriceBandPpm, "price band");
                Require(open + 1 <= config.MaxOpenOrders, "open orders");
                long b = buys + (side == Side.Buy ? quantity : 0), s = sells + (side == Side.Sell ? quantity : 0);
                bool reduces = side == Side.Sell ? position > 0 && sells + quantity <= position : position < 0 && buys + quantity <= -position;
                if (state == TradingState.Reducing) Require(reduces, "REDUCING passes only reducing orders");
                if (!reduces)
                {
                    long size = side == Side.Buy ? Math.Abs(position + b) : Math.Abs(position - s);
                    long valuation = Math.Max(orderPrice, t.Mark);
                    Require(size <= t.MaxPositionUnits, "position lots");
                    Require(t.Spec.Notional(size, valuation) <= limits.MaxPositionMoney, "position share of capital");
                    double exposure = othersExposure + t.Spec.Notional(RiskEngine.WorstCase(position, b, s), valuation);
                    Require(exposure <= limits.MaxExposureMoney, "worst-case exposure");
                }

                // Rate: in any one-second window at most burst + rate orders.
                acceptTimes.Enqueue(f.Now);
                while (acceptTimes.Peek() <= f.Now - RiskFixture.Second) acceptTimes.Dequeue();
                Require(acceptTimes.Count <= config.OrderBurst + 50, "orders per second");
            }

            f.Risk.AddWorking(t, side, quantity, origin == OrderOrigin.Exit, newOrder: true);
            working.Add(new Working(id, side, orderPrice, origin == OrderOrigin.Exit) { Remaining = quantity });
        }

        TestContext.Out.WriteLine($"accepted {accepted}, refused {refused}, fills {fills} in {clock.ElapsedMilliseconds} ms");
        for (int r = 1; r < RiskReasons.Count; r++)
            TestContext.Out.WriteLine($"  {(RiskReason)r,-18} {f.Risk.Refused((RiskReason)r)}");
        Assert.That(accepted + refused, Is.EqualTo(1_000_000));
        Assert.That(f.Risk.Accepted, Is.EqualTo(accepted));
        Assert.That(f.Risk.TotalRefused, Is.EqualTo(refused));
        // The walk must actually reach the limits, or it proves nothing.
        foreach (RiskReason r in new[] { RiskReason.MaxOrderQuantity, RiskReason.MaxOrderNotional, RiskReason.PriceBand, RiskReason.MaxOpenOrders,
                     RiskReason.MaxPositionPct, RiskReason.MaxExposure, RiskReason.RateLimited, RiskReason.InvalidQuantity, RiskReason.Halted })
            Assert.That(f.Risk.Refused(r), Is.GreaterThan(0), $"no order was ever refused for {r}");
        Assert.That(accepted, Is.GreaterThan(50_000));
    }

    // Assert.That per step would cost more than the whole engine; fail with the same message instead.
    private static void Require(bool condition, string what)
    {
        if (!condition) Assert.Fail($"limit breached: {what}");
    }

    private static void CancelAll(RiskFixture f, List<Working> working, int instrument, bool exitsOnly)
    {
        for (int i = working.Count - 1; i >= 0; i--)
        {
            Working w = working[i];
            if (w.Instrument != instrument || (exitsOnly && !w.Exit) || (!exitsOnly && w.Exit)) continue;
            f.Risk.RemoveWorking(f.Instruments[instrument], w.Side, w.Remaining, w.Exit, orderDone: true);
            working.RemoveAt(i);
        }
    }
}
