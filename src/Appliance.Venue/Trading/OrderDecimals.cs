using System.Text;
using Appliance.Primitives.FixedPoint;

namespace Appliance.Venue.Trading;

/// <summary>Prices and amounts arrive as decimal strings: exact at the instrument's scale, positive, on its tick or lot.</summary>
internal static class OrderDecimals
{
    public static long Parse(string name, string text, int scale, long step, string stepName)
    {
        FixedParseStatus status = FixedDecimal.TryParse(Encoding.UTF8.GetBytes(text), scale, out long units);
        if (status == FixedParseStatus.TooManyDecimals)
            throw new RpcException(RpcException.NotOnTickOrLot, $"'{name}' {text} is not on the {stepName} (more than {scale} decimals)");
        if (status != FixedParseStatus.Ok) throw new RpcException(RpcException.InvalidParams, $"'{name}' '{text}' is not a decimal ({status})");
        if (units <= 0) throw new RpcException(RpcException.InvalidParams, $"'{name}' must be positive");
        if (units % step != 0)
            throw new RpcException(RpcException.NotOnTickOrLot, $"'{name}' {text} is not on the {stepName} ({FixedDecimal.ToString(step, scale)})");
        return units;
    }
}
