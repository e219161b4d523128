using System.Text;
using Appliance.Primitives.Rings;

namespace Appliance.Trading.Control;

/// <summary>
/// The kill switch's path to the strategy thread: any thread posts (admin server, signal handlers) — posts
/// are serialised by a lock on the cold side, which keeps the ring single-producer — and the strategy
/// thread takes commands at the start of each event or idle poll, without locking. Each post gets a
/// ticket; <see cref="WaitApplied"/> lets the poster wait until the strategy thread acted on it.
/// </summary>
public sealed class ControlChannel
{
    private readonly SpscRing<ControlCommand> _ring = new(64, "control → strategy");
    private readonly Lock _post = new();
    private long _posted;
    private long _applied;

    /// <summary>Posts a command; returns its ticket, or 0 when 64 commands are already waiting.</summary>
    public long Post(ControlCommandKind kind, string? reason = null)
    {
        lock (_post)
        {
            var command = new ControlCommand { Kind = kind, Ticket = _posted + 1 };
            if (!string.IsNullOrEmpty(reason))
            {
                // Whole characters only: cut at the last boundary that fits.
                ReadOnlySpan<char> text = reason;
                Span<byte> into = command.Reason;
                while (Encoding.UTF8.GetByteCount(text) > ControlCommand.MaxReasonBytes) text = text[..^1];
                command.ReasonLength = (byte)Encoding.UTF8.GetBytes(text, into);
            }
            if (!_ring.TryWrite(command)) return 0;
            return ++_posted;
        }
    }

    /// <summary>Strategy thread: the next command, if any.</summary>
    public bool TryTake(out ControlCommand command) => _ring.TryRead(out command);

    /// <summary>Strategy thread: marks a command applied.</summary>
    public void MarkApplied(long ticket) => Volatile.Write(ref _applied, ticket);

    public long Applied => Volatile.Read(ref _applied);

    /// <summary>Cold path: waits until the strategy thread applied <paramref name="ticket"/> (it does so on its next event or idle poll).</summary>
    public bool WaitApplied(long ticket, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var spin = new SpinWait();
        while (Applied < ticket)
        {
            if (DateTime.UtcNow >= deadline) return false;
            spin.SpinOnce(sleep1Threshold: 10);
        }
        return true;
    }
}
