namespace Appliance.MarketData.Decoding;

/// <summary>Where a JSON string's content (between the quotes) or a raw token sits in the payload.</summary>
internal readonly record struct TextSpan(int Start, int Length, bool Escaped)
{
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> payload) => payload.Slice(Start, Length);
}
