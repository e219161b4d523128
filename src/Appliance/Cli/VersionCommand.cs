using System.CommandLine;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Appliance.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var cmd = new Command("version", "Print the version, runtime and build flavour.");
        cmd.SetAction(_ =>
        {
            Console.Out.WriteLine($"appliance {Version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}, {(RuntimeFeature.IsDynamicCodeSupported ? "jit" : "native-aot")})");
            return 0;
        });
        return cmd;
    }

    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
