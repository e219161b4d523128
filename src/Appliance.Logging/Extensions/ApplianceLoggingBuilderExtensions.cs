using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Logging.Extensions;

public static class ApplianceLoggingBuilderExtensions
{
    /// <summary>Adds the Appliance provider over an existing <see cref="LogSystem"/> (which the host disposes).</summary>
    public static ILoggingBuilder AddAppliance(this ILoggingBuilder builder, LogSystem system)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Add(ServiceDescriptor.Singleton<ILoggerProvider>(new ApplianceLoggerProvider(system)));
        return builder;
    }
}
