using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Appliance.Logging.Buffers;
using Appliance.Logging.Templates;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Handlers;

/// <summary>Writes a pre-formatted message as one UTF-8 argument of the "{0}" template (cold callers).</summary>
internal static unsafe class ColdRecord
{
    public static void Write(Logger logger, LogLevel level, ReadOnlySpan<char> message, bool waitForDurability)
    {
        // A local stands in for the handler: its address orders this record against any open one.
        long marker = 0;
        nuint self = (nuint)Unsafe.AsPointer(ref marker);
        ProducerBuffer? producer = ProducerBuffer.For(logger.System, self);
        byte* limit = null;
        byte* start = producer is null ? null : producer.Begin(out limit);
        if (start == null)
        {
            logger.System.CountDrop(logger.CategoryId, (int)level);
            return;
        }
        // Ask for the whole record size cap so a long message is truncated only at the cap.
        producer!.ExtendLimit(start, ref limit, 0);
        var header = (RecordHeader*)start;
        header->Timestamp = LogClock.Now();
        header->CategoryId = logger.CategoryId;
        header->Level = (byte)level;
        header->Flags = RecordFlags.None;
        header->TemplateId = TemplateRegistry.MessageOnly;

        byte* p = start + RecordHeader.Size;
        var room = new Span<byte>(p + 5, (int)(limit - p - 5));
        OperationStatus status = Utf8.FromUtf16(message, room, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        if (status == OperationStatus.DestinationTooSmall)
        {
            header->Flags |= RecordFlags.Truncated;
            logger.System.CountTruncated();
        }
        *p = (byte)ArgTag.Utf8;
        Unsafe.WriteUnaligned(p + 1, written);
        int used = RecordHeader.Size + 5 + written;
        header->Used = (ushort)used;
        header->Length = (used + 7) & ~7;
        long end = producer.Publish(header->Length);
        if (waitForDurability) producer.WaitDurable(end);
    }
}
