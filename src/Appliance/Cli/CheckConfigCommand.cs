using System.CommandLine;
using Appliance.Hosting.Config;

namespace Appliance.Cli;

/// <summary>
/// `appliance check-config FILE`: validates a config without starting anything. Prints every error with its
/// JSON path (exit 78, EX_CONFIG) or "ok" and the warnings (exit 0). Ansible runs it before installing a file.
/// </summary>
internal static class CheckConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The JSON config file (e.g. /etc/appliance/appliance.json)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing when the config is valid" };
        var cmd = new Command("check-config", "Validate a config file; list every error with its JSON path (exit 78 when invalid).") { file, quiet };
        cmd.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(quiet), Console.Out, Console.Error));
        return cmd;
    }

    internal static int Run(string path, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        LoadedConfig loaded = ConfigLoader.Load(path, Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY"));
        foreach (ConfigError w in loaded.Warnings) stderr.WriteLine($"{path}: warning: {w}");
        if (!loaded.IsValid)
        {
            stderr.WriteLine($"{path}: {loaded.Errors.Count} error{(loaded.Errors.Count == 1 ? "" : "s")}:");
            foreach (ConfigError e in loaded.Errors) stderr.WriteLine($"  {e}");
            return ExitCodes.Config;
        }
        if (!quiet) stdout.WriteLine($"{path}: ok ({ConfigSummary.Describe(loaded)})");
        return ExitCodes.Ok;
    }
}
