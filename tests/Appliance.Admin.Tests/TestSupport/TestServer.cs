using Appliance.Admin.Commands;
using Appliance.Admin.Protocol;
using Appliance.Admin.Server;
using Appliance.Logging;
using Appliance.Logging.Sinks;

namespace Appliance.Admin.Tests.TestSupport;

/// <summary>
/// A real admin server on a socket in a fresh directory (mode 0755, so other uids can reach it), with a
/// memory log and a few test verbs: echo (read-only), poke (mutating), slow (blocks until released),
/// boom (throws), fail CODE (answers that error), leak (leaves its JSON open).
/// </summary>
public sealed class TestServer : IDisposable
{
    private readonly LogSystem _logSystem;
    private readonly ManualResetEventSlim _releaseSlow = new();
    private int _pokes;

    public TestServer(Func<AdminServerOptions, AdminServerOptions>? configure = null, Action<CommandRegistry>? register = null, bool start = true)
    {
        Directory = TempDirectory.Create("admin-");
        SocketPath = System.IO.Path.Combine(Directory, "admin.sock");
        LogSink = new MemorySink();
        _logSystem = new LogSystem(new LogOptions { FlushInterval = TimeSpan.FromMilliseconds(5), FlushOnProcessExit = false }, LogSink);
        Commands = new CommandRegistry();
        RegisterTestVerbs(Commands);
        register?.Invoke(Commands);
        var options = new AdminServerOptions
        {
            SocketPath = SocketPath,
            SocketMode = (UnixFileMode)0b110_110_110, // 0666: any local user may connect (read-only verbs)
            AdminGroup = "staff",
            Log = _logSystem.GetLogger("Admin"),
            IdleTimeout = TimeSpan.FromSeconds(10),
        };
        Options = configure is null ? options : configure(options);
        Server = new AdminServer(Options, Commands);
        if (start) Server.Start();
    }

    public string Directory { get; }
    public string SocketPath { get; }
    public AdminServerOptions Options { get; }
    public AdminServer Server { get; }
    public CommandRegistry Commands { get; }
    public MemorySink LogSink { get; }
    public LogSystem LogSystem => _logSystem;
    public int Pokes => Volatile.Read(ref _pokes);
    public int SlowEntered;

    public void ReleaseSlow() => _releaseSlow.Set();

    /// <summary>Waits until a log line contains <paramref name="text"/>.</summary>
    public bool WaitForLog(string text, TimeSpan? timeout = null)
    {
        _logSystem.Flush(TimeSpan.FromSeconds(2));
        return LogSink.WaitFor(lines => lines.Any(l => l.Contains(text, StringComparison.Ordinal)), timeout ?? TimeSpan.FromSeconds(5));
    }

    private void RegisterTestVerbs(CommandRegistry r)
    {
        r.Register("echo", "[WORDS...]", false, "Answers the words it was given.", ctx =>
        {
            ctx.Json.WriteStartArray("words");
            foreach (string w in ctx.Arguments.RestWords) ctx.Json.WriteStringValue(w);
            ctx.Json.WriteEndArray();
            ctx.Json.WriteNumber("peer_uid", ctx.Peer.Uid);
        });
        r.Register(new AdminVerb("poke", "[--hard]", true, "Counts a poke (mutating)."), ctx =>
        {
            ctx.Json.WriteNumber("pokes", Interlocked.Increment(ref _pokes));
        });
        r.Register("slow", "", false, "Blocks until the test releases it.", ctx =>
        {
            Interlocked.Increment(ref SlowEntered);
            _releaseSlow.Wait(TimeSpan.FromSeconds(30));
            ctx.Json.WriteBoolean("released", true);
        });
        r.Register("boom", "", false, "Throws an unexpected exception.", _ => throw new InvalidOperationException("the test verb exploded"));
        r.Register("fail", "CODE", false, "Answers the error CODE.", ctx => throw new AdminException(ctx.Arguments.Required("CODE"), "asked to fail"));
        r.Register("leak", "", false, "Leaves an object open.", ctx => ctx.Json.WriteStartObject("open"));
    }

    public void Dispose()
    {
        _releaseSlow.Set();
        Server.Dispose();
        _logSystem.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
