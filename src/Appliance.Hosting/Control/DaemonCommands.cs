using System.Globalization;
using System.Text.Json;
using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Hosting.Daemon;
using Appliance.Hosting.Strategy;
using Appliance.MarketData.Feed;

namespace Appliance.Hosting.Control;

/// <summary>
/// The daemon's admin verbs (docs/admin-protocol.md) on the admin room's registry. Handlers run on admin
/// connection threads and read only published state: counters, snapshots, seqlocked books. Verbs that
/// change trading state go to the strategy thread through its control channel and wait for its answer.
/// </summary>
public static class DaemonCommands
{
    /// <summary>Longest a mutating verb waits for the strategy thread.</summary>
    public static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(5);

    public static void Register(ApplianceDaemon d, CommandRegistry registry)
    {
        registry.Register(StandardVerbs.Health, ctx => HealthAnswer.Build(d).WriteTo(ctx.Json));
        registry.Register(StandardVerbs.Status, ctx => Status(d, ctx.Json));
        registry.Register(StandardVerbs.Stats, ctx => StatsAnswer.Write(d, ctx.Json));
        registry.Register(StandardVerbs.Feeds, ctx => Feeds(d, ctx.Json));
        registry.Register(StandardVerbs.Config, ctx => ConfigAnswer.Write(d, ctx.Json));
        registry.Register(StandardVerbs.Metrics, d.Metrics.CreateCommand());
        registry.Register(StandardVerbs.Latency, d.Latency.CreateCommand());
        registry.Register(StandardVerbs.Book, ctx => BookAnswer.Write(d, ctx));
        registry.Register(StandardVerbs.LogLevel, LogLevelCommand.Create(d.Logs.Levels));
        bool trading = d.Config.TradingEnabled;
        // With the engine the kill switch does more than the generic help says: say what it does here.
        registry.Register(trading ? StandardVerbs.Halt.WithHelp("Kill switch: HALTED, no new entries, working orders cancelled (exits still run); positions stay.") : StandardVerbs.Halt,
            ctx => Control(d, ctx, StrategyCommand.Halt, ctx.Arguments["REASON"] ?? $"admin (uid {ctx.Peer.Uid})"));
        registry.Register(trading ? StandardVerbs.Resume.WithHelp("Back to ACTIVE (a loss still over its limit trips the breaker again at the next mark).") : StandardVerbs.Resume,
            ctx => Control(d, ctx, StrategyCommand.Resume, null));
        registry.Register(trading ? StandardVerbs.Flatten.WithHelp("HALTED, working orders cancelled, every position closed by IOC orders with price protection; watch `positions`.") : StandardVerbs.Flatten,
            ctx => Control(d, ctx, StrategyCommand.Flatten, $"admin (uid {ctx.Peer.Uid})"));
        registry.Register(StandardVerbs.Reconnect, ctx => Reconnect(d, ctx));
        TradingAnswers.Register(d, registry);
    }

    private static StrategyLoop Strategy(ApplianceDaemon d) =>
        d.Strategy is { Exited: false } s ? s : throw AdminException.Unavailable("the strategy thread is not running");

    private static void Control(ApplianceDaemon d, AdminCommandContext ctx, StrategyCommand command, string? reason)
    {
        StrategyLoop strategy = Strategy(d);
        string answer;
        try
        {
            answer = strategy.Control.Send(command, reason, ControlTimeout);
        }
        catch (TimeoutException e)
        {
            throw AdminException.Unavailable(e.Message);
        }
        d.Log.Warn($"admin: {command.ToString().ToLowerInvariant()} by {ctx.Peer}: {answer}");
        ctx.Json.WriteString("action", command.ToString().ToLowerInvariant());
        ctx.Json.WriteString("result", answer);
        WriteStage(strategy.Stage, ctx.Json);
    }

    private static void Reconnect(ApplianceDaemon d, AdminCommandContext ctx)
    {
        string name = ctx.Arguments.Required("FEED");
        foreach (FeedRuntime feed in d.Feeds)
        {
            // A group name reconnects every line; a feed (line) name just that one.
            bool group = feed.Name == name;
            if (!group && !feed.Group.Lines.Any(l => l.Name == name)) continue;
            feed.Session.RequestReconnect(group ? null : name);
            d.Log.Warn($"admin: reconnect {name} by {ctx.Peer}");
            ctx.Json.WriteString("feed", feed.Name);
            ctx.Json.WriteString("lines", group ? "all" : name);
            ctx.Json.WriteString("result", "reconnect requested");
            return;
        }
        var names = d.Feeds.SelectMany(f => f.Group.Lines.Select(l => l.Name).Prepend(f.Name)).Distinct();
        throw AdminException.NotFound($"no feed '{name}'; feeds: {string.Join(", ", names)}");
    }

    private static void Status(ApplianceDaemon d, Utf8JsonWriter json)
    {
        json.WriteString("state", d.State.ToString().ToLowerInvariant());
        json.WriteString("detail", d.StateDetail);
        json.WriteString("version", d.Version);
        json.WriteNumber("pid", Environment.ProcessId);
        json.WriteNumber("uptime_seconds", Math.Round((DateTimeOffset.UtcNow - d.StartedUtc).TotalSeconds, 1));
        json.WriteString("config", d.Loaded.SourcePath);
        json.WriteString("journal", d.JournalDirectory ?? "off");
        json.WriteBoolean("systemd", d.Systemd.UnderSystemd);
        json.WriteBoolean("ready_sent", d.Notifier.IsReady);
        if (d.CurrentSession is { } s)
        {
            json.WriteString("session_open_utc", Utc(s.Open));
            json.WriteString("session_flatten_utc", Utc(s.FlattenAt));
            json.WriteString("session_close_utc", Utc(s.Close));
        }
        else json.WriteString("session", "none (runs until stopped)");
        if (d.Strategy is { } strategy) WriteStage(strategy.Stage, json);
        json.WriteStartArray("feeds");
        foreach (FeedRuntime f in d.Feeds)
        {
            RingConsumerState st = d.Strategy?.StateOf(f.Index) ?? default;
            json.WriteStartObject();
            json.WriteString("feed", f.Name);
            json.WriteString("lines_up", $"{f.LinesConnected()}/{f.Group.Lines.Count}");
            json.WriteNumber("events", st.Events);
            json.WriteNumber("market_events", st.MarketEvents);
            json.WriteNumber("last_event_age_ms", AgeMs(st.LastMarketReceive));
            json.WriteNumber("gaps", st.Gaps);
            json.WriteNumber("ring_depth", f.Ring.Count);
            json.WriteNumber("ring_drops", f.Session.Counters[FeedCounter.RingDrops]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteStage(IStrategyStage stage, Utf8JsonWriter json)
    {
        json.WriteStartObject("strategy");
        foreach (var (k, v) in stage.Describe()) json.WriteString(k, v);
        json.WriteBoolean("flat", stage.IsFlat);
        json.WriteEndObject();
    }

    private static void Feeds(ApplianceDaemon d, Utf8JsonWriter json)
    {
        json.WriteStartArray("feeds");
        foreach (FeedRuntime f in d.Feeds)
        {
            FeedSessionSnapshot s = f.Session.Snapshot();
            json.WriteStartObject();
            json.WriteString("feed", s.Name);
            json.WriteBoolean("running", s.Running);
            json.WriteNumber("messages", s.Messages);
            json.WriteNumber("published", s.Published);
            json.WriteNumber("malformed", s.Malformed);
            json.WriteNumber("gaps", s.Gaps);
            json.WriteNumber("resyncs", s.Resyncs);
            json.WriteNumber("reconnects", s.Reconnects);
            json.WriteNumber("stales", s.Stales);
            json.WriteNumber("ring_drops", s.RingDrops);
            json.WriteString("ring", $"{f.Ring.Count}/{s.RingCapacity} (high-water {s.RingHighWaterMark})");
            json.WriteNumber("journal_drops", s.JournalDrops);
            if (s.Fault is not null) json.WriteString("fault", s.Fault);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("lines");
        foreach (FeedRuntime f in d.Feeds)
            foreach (FeedLineSnapshot l in f.Session.Snapshot().Lines)
            {
                json.WriteStartObject();
                json.WriteString("feed", l.Feed);
                json.WriteString("line", l.Line);
                json.WriteString("state", l.State);
                json.WriteBoolean("connected", l.Connected);
                json.WriteString("url", l.Url);
                json.WriteNumber("last_message_age_ms", l.LastMessageAgeMs);
                json.WriteNumber("last_market_age_ms", l.LastMarketMessageAgeMs);
                json.WriteNumber("messages", l.Messages);
                json.WriteNumber("wins", l.Wins);
                json.WriteNumber("losses", l.Losses);
                json.WriteNumber("held_back", l.HeldBack);
                json.WriteNumber("connects", l.Connects);
                json.WriteNumber("disconnects", l.Disconnects);
                json.WriteNumber("stales", l.Stales);
                json.WriteEndObject();
            }
        json.WriteEndArray();
    }

    internal static double AgeMs(long ticks) =>
        ticks == 0 ? -1 : Math.Round(Primitives.Time.MonoClock.ElapsedNanoseconds(ticks, Primitives.Time.MonoClock.Now()) / 1e6, 1);

    internal static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
