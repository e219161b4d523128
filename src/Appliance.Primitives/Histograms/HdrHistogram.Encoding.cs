using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Appliance.Primitives.Histograms;

// HdrHistogram's V2 binary encoding, plain and compressed (the form inside histogram logs):
//
//   V2:            int cookie 0x1c849313 | int payloadLength | int normalizingIndexOffset (0) |
//                  int significantDigits | long lowestDiscernible | long highestTrackable |
//                  double integerToDoubleRatio (1.0) | payload
//   payload:       counts 0..maxIndex as ZigZag LEB128-64b9B longs; a run of n > 1 zero counts is -n
//   V2 compressed: int cookie 0x1c849314 | int compressedLength | zlib(V2)
//
// All integers big-endian. Cookies carry the word size in bits 4-7; readers mask those bits off.
public sealed partial class HdrHistogram
{
    private const int V2EncodingCookieBase = 0x1c849303;
    private const int V2CompressedEncodingCookieBase = 0x1c849304;
    private const int V2EncodingCookie = V2EncodingCookieBase | 0x10;
    private const int V2CompressedEncodingCookie = V2CompressedEncodingCookieBase | 0x10;
    private const int EncodingHeaderSize = 40;
    private const int CompressedHeaderSize = 8;

    /// <summary>Bytes that <see cref="Encode(Span{byte})"/> may need for the current contents.</summary>
    public int GetNeededByteBufferCapacity() => EncodingHeaderSize + RelevantLength() * ZigZagLeb128.MaxBytes;

    /// <summary>The V2 (uncompressed) encoding.</summary>
    public byte[] Encode()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(GetNeededByteBufferCapacity());
        try
        {
            return buffer.AsSpan(0, Encode(buffer)).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the V2 (uncompressed) encoding; returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="GetNeededByteBufferCapacity"/>.</exception>
    /// <exception cref="InvalidOperationException">A count is negative (HdrHistogram cannot encode those either).</exception>
    public int Encode(Span<byte> destination)
    {
        int relevantLength = RelevantLength();
        int needed = EncodingHeaderSize + relevantLength * ZigZagLeb128.MaxBytes;
        if (destination.Length < needed)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; encoding may need {needed}.", nameof(destination));

        BinaryPrimitives.WriteInt32BigEndian(destination, V2EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], 0); // normalizingIndexOffset: integer histograms never shift
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], NumberOfSignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(destination[16..], LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(destination[24..], HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(destination[32..], 1.0);

        long[] counts = _counts;
        int position = EncodingHeaderSize;
        int index = 0;
        while (index < relevantLength)
        {
            long count = counts[index++];
            if (count < 0)
                throw new InvalidOperationException(
                    $"Cannot encode a negative count ({count}) at index {index - 1}, values [{ValueFromIndex(index - 1)}, {NextNonEquivalentValue(ValueFromIndex(index - 1))}).");
            long zerosCount = 0;
            if (count == 0)
            {
                zerosCount = 1;
                while (index < relevantLength && counts[index] == 0)
                {
                    zerosCount++;
                    index++;
                }
            }
            position += ZigZagLeb128.Write(zerosCount > 1 ? -zerosCount : count, destination[position..]);
        }
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], position - EncodingHeaderSize);
        return position;
    }

    /// <summary>The V2 compressed encoding (what histogram logs carry, base64'd).</summary>
    /// <param name="compressionLevel">zlib level; HdrHistogram's log writer uses the smallest size.</param>
    public byte[] EncodeCompressed(CompressionLevel compressionLevel = CompressionLevel.Optimal)
    {
        var output = new ArrayBufferWriter<byte>(256);
        EncodeCompressed(output, compressionLevel);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Appends the V2 compressed encoding to <paramref name="output"/>; returns the bytes written.</summary>
    public int EncodeCompressed(IBufferWriter<byte> output, CompressionLevel compressionLevel = CompressionLevel.Optimal)
    {
        ArgumentNullException.ThrowIfNull(output);
        byte[] uncompressed = ArrayPool<byte>.Shared.Rent(GetNeededByteBufferCapacity());
        try
        {
            int uncompressedLength = Encode(uncompressed);
            var compressed = new MemoryStream(uncompressedLength / 2 + 64);
            using (var zlib = new ZLibStream(compressed, compressionLevel, leaveOpen: true))
                zlib.Write(uncompressed, 0, uncompressedLength);
            int compressedLength = (int)compressed.Length;

            Span<byte> destination = output.GetSpan(CompressedHeaderSize + compressedLength);
            BinaryPrimitives.WriteInt32BigEndian(destination, V2CompressedEncodingCookie);
            BinaryPrimitives.WriteInt32BigEndian(destination[4..], compressedLength);
            compressed.GetBuffer().AsSpan(0, compressedLength).CopyTo(destination[CompressedHeaderSize..]);
            output.Advance(CompressedHeaderSize + compressedLength);
            return CompressedHeaderSize + compressedLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(uncompressed);
        }
    }

    /// <summary>The V2 compressed encoding in base64: the histogram field of an HdrHistogram log line.</summary>
    public string ToBase64CompressedString(CompressionLevel compressionLevel = CompressionLevel.Optimal) =>
        Convert.ToBase64String(EncodeCompressed(compressionLevel));

    /// <summary>Decodes the V2 (uncompressed) encoding.</summary>
    /// <exception cref="FormatException">The bytes are not a valid V2 histogram; the message says what and where.</exception>
    public static HdrHistogram Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < EncodingHeaderSize)
            throw new FormatException($"A V2 histogram needs a {EncodingHeaderSize}-byte header; got {encoded.Length} bytes.");
        HdrHistogram histogram = CreateFromHeader(encoded, out int payloadLength);
        if (payloadLength > encoded.Length - EncodingHeaderSize)
            throw new FormatException(
                $"The header announces a {payloadLength}-byte payload; only {encoded.Length - EncodingHeaderSize} bytes follow it.");
        histogram.FillCountsFromPayload(encoded.Slice(EncodingHeaderSize, payloadLength));
        return histogram;
    }

    /// <summary>Decodes the V2 compressed encoding (as written by HdrHistogram, hdr-histogram-js and <see cref="EncodeCompressed(CompressionLevel)"/>).</summary>
    /// <exception cref="FormatException">The bytes are not a valid compressed V2 histogram; the message says what and where.</exception>
    public static HdrHistogram DecodeFromCompressed(ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length < CompressedHeaderSize)
            throw new FormatException($"A compressed histogram needs an {CompressedHeaderSize}-byte header; got {compressed.Length} bytes.");
        int cookie = BinaryPrimitives.ReadInt32BigEndian(compressed);
        if ((cookie & ~0xf0) != V2CompressedEncodingCookieBase)
            throw new FormatException($"Cookie 0x{cookie:x8} at offset 0 is not a V2 compressed histogram (0x{V2CompressedEncodingCookie:x8}).");
        int compressedLength = BinaryPrimitives.ReadInt32BigEndian(compressed[4..]);
        if (compressedLength < 0 || compressedLength > compressed.Length - CompressedHeaderSize)
            throw new FormatException(
                $"The header announces {compressedLength} compressed bytes; {compressed.Length - CompressedHeaderSize} follow it.");

        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.Slice(CompressedHeaderSize, compressedLength).ToArray()), CompressionMode.Decompress);
            Span<byte> header = stackalloc byte[EncodingHeaderSize];
            int headerRead = zlib.ReadAtLeast(header, EncodingHeaderSize, throwOnEndOfStream: false);
            if (headerRead < EncodingHeaderSize)
                throw new FormatException($"The compressed data inflates to {headerRead} bytes, less than the {EncodingHeaderSize}-byte V2 header.");
            HdrHistogram histogram = CreateFromHeader(header, out int payloadLength);

            // Never inflate more than a histogram of the declared range can need: a hostile length
            // field cannot make us allocate or inflate without bound.
            long maxPayload = (long)(histogram.CountsArrayLength + 1) * ZigZagLeb128.MaxBytes;
            if (payloadLength > maxPayload)
                throw new FormatException($"The header announces a {payloadLength}-byte payload; a histogram of this range needs at most {maxPayload}.");
            byte[] payload = ArrayPool<byte>.Shared.Rent(Math.Max(payloadLength, 1));
            try
            {
                int payloadRead = zlib.ReadAtLeast(payload.AsSpan(0, payloadLength), payloadLength, throwOnEndOfStream: false);
                if (payloadRead < payloadLength)
                    throw new FormatException($"The header announces a {payloadLength}-byte payload; the compressed data holds {payloadRead}.");
                histogram.FillCountsFromPayload(payload.AsSpan(0, payloadLength));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(payload);
            }
            return histogram;
        }
        catch (InvalidDataException ex)
        {
            throw new FormatException($"The {compressedLength} compressed bytes after offset {CompressedHeaderSize} are not valid zlib data: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes a base64 V2 compressed histogram (the last field of an HdrHistogram log line).</summary>
    /// <exception cref="FormatException">Not base64, or not a valid compressed V2 histogram.</exception>
    public static HdrHistogram DecodeFromBase64CompressedString(ReadOnlySpan<char> base64)
    {
        base64 = base64.Trim();
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(base64.Length * 3 / 4 + 3, 1));
        try
        {
            if (!Convert.TryFromBase64Chars(base64, bytes, out int length))
                throw new FormatException($"The {base64.Length}-character histogram field is not valid base64.");
            return DecodeFromCompressed(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static HdrHistogram CreateFromHeader(ReadOnlySpan<byte> header, out int payloadLength)
    {
        int cookie = BinaryPrimitives.ReadInt32BigEndian(header);
        if ((cookie & ~0xf0) != V2EncodingCookieBase)
            throw new FormatException($"Cookie 0x{cookie:x8} at offset 0 is not a V2 histogram (0x{V2EncodingCookie:x8}); V0/V1 encodings are not supported.");
        payloadLength = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        // Offset 8, normalizingIndexOffset, only rotates where the original stores slots, never which
        // logical slot a count belongs to; hdr-histogram-js writes 1 there. Offset 32, the
        // integer-to-double ratio, concerns DoubleHistogram only (js writes a long 1 there). Both ignored.
        int digits = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        long lowest = BinaryPrimitives.ReadInt64BigEndian(header[16..]);
        long highest = BinaryPrimitives.ReadInt64BigEndian(header[24..]);
        if (payloadLength < 0)
            throw new FormatException($"Negative payload length {payloadLength} at offset 4.");
        try
        {
            return new HdrHistogram(lowest, highest, digits);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(
                $"The header's layout (lowestDiscernibleValue {lowest}, highestTrackableValue {highest}, digits {digits}) is invalid: {ex.Message}", ex);
        }
    }

    private void FillCountsFromPayload(ReadOnlySpan<byte> payload)
    {
        long[] counts = _counts;
        long index = 0;
        long total = 0;
        int position = 0;
        while (position < payload.Length)
        {
            int at = position;
            if (!ZigZagLeb128.TryRead(payload, ref position, out long count))
                throw new FormatException($"The payload ends inside a count at payload offset {at}.");
            if (count < 0)
            {
                if (count == long.MinValue)
                    throw new FormatException($"Invalid zero-run length at payload offset {at}.");
                // Zeros are already zeros: skip. Clamped so hostile run lengths cannot overflow the index.
                index = Math.Min(index + Math.Min(-count, int.MaxValue), int.MaxValue);
                continue;
            }
            if (count != 0)
            {
                // Encoders stop at the highest non-zero slot, so a count past the declared range is
                // corruption (hdr-histogram-js may add one trailing zero slot; zeros are tolerated).
                if (index >= counts.Length)
                    throw new FormatException(
                        $"Count {count} at payload offset {at} is for slot {index}, past the {counts.Length} slots of the declared range.");
                counts[index] = count;
                total += count;
                if (total < 0)
                    throw new FormatException($"The counts overflow a long at payload offset {at}.");
            }
            index++;
        }
        _totalCount = total;
        _totalCountStale = false;
    }

    // Slots up to and including the highest non-zero one (at least one), as HdrHistogram's countsLimit.
    private int RelevantLength() => Math.Max(MaxNonZeroIndex(), 0) + 1;
}
