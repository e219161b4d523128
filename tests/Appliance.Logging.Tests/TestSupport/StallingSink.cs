using Appliance.Logging.Sinks;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Tests.TestSupport;

/// <summary>A memory sink whose writes block until released: the writer thread stops draining.</summary>
internal sealed class StallingSink : LogSink
{
    private readonly ManualResetEventSlim _release = new(false);
    private readonly ManualResetEventSlim _entered = new(false);
    private volatile bool _stall = true;

    public StallingSink() : base(LineFormat.Text, LogLevel.Trace)
    {
    }

    public MemorySink Inner { get; } = new();

    /// <summary>Waits until the writer is blocked inside <see cref="Write"/>.</summary>
    public bool WaitUntilStalled(TimeSpan timeout) => _entered.Wait(timeout);

    public void Release()
    {
        _stall = false;
        _release.Set();
    }

    public override void Write(ReadOnlySpan<byte> lines)
    {
        if (_stall)
        {
            _entered.Set();
            _release.Wait(TimeSpan.FromSeconds(30));
        }
        Inner.Write(lines);
    }
}
