namespace Appliance.Primitives.FixedPoint;

/// <summary>Why a decimal did not parse. Values, not exceptions: bad venue input is an expected condition.</summary>
public enum FixedParseStatus : byte
{
    Ok = 0,
    /// <summary>No bytes at all.</summary>
    Empty,
    /// <summary>A sign or a point, but no digit ("-", ".", "+.").</summary>
    NoDigits,
    /// <summary>A byte that is not a digit, or a sign or point in the wrong place; the offset says where.</summary>
    InvalidCharacter,
    /// <summary>A non-zero digit beyond the scale: the value is not representable exactly, so it is refused, never rounded.</summary>
    TooManyDecimals,
    /// <summary>The scaled value does not fit a signed 64-bit integer.</summary>
    Overflow,
    /// <summary>The requested scale is outside 0..<see cref="FixedDecimal.MaxScale"/>.</summary>
    InvalidScale,
}
