using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Hosting.Config;

/// <summary>Enums as camelCase strings ("information", "flatten"); read case-insensitively; numbers refused.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
