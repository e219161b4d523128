using System.Text.Json;
using System.Text.Json.Serialization;
using Appliance.Trading.Config;
using Microsoft.Extensions.Logging;

namespace Appliance.Hosting.Config;

/// <summary>
/// Source-generated (de)serialisation of the whole configuration: no reflection, AOT- and trim-safe.
/// Comments and trailing commas are accepted (people edit this file); nullable annotations are enforced.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    // The trading room's enums (gateway, breaker actions, ...) as strings, like its own context; ours are camelCase below.
    UseStringEnumConverter = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<LogLevel>),
        typeof(CamelCaseEnumConverter<StdoutMode>),
        typeof(CamelCaseEnumConverter<LogFileFormat>),
        typeof(CamelCaseEnumConverter<SpinMode>),
        typeof(CamelCaseEnumConverter<StopAction>),
        typeof(CamelCaseEnumConverter<ReadyPolicy>),
        // The Trading room's sections (trading, risk, strategy), composed into the root.
        typeof(CamelCaseEnumConverter<GatewayKind>),
        typeof(CamelCaseEnumConverter<PriceReference>),
        typeof(CamelCaseEnumConverter<BreakerAction>),
        typeof(CamelCaseEnumConverter<FeedGateAction>),
        typeof(CamelCaseEnumConverter<JumpAction>),
        typeof(CamelCaseEnumConverter<IndicatorInput>),
        typeof(CamelCaseEnumConverter<BarKindConfig>),
        typeof(CamelCaseEnumConverter<ExitPriceSource>),
    ])]
[JsonSerializable(typeof(ApplianceConfig))]
// Two rooms have a SessionConfig (the daemon's process session, the strategy's entry window): name one.
[JsonSerializable(typeof(Appliance.Trading.Config.SessionConfig), TypeInfoPropertyName = "StrategySessionConfig")]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
