using System.CommandLine;

namespace Appliance.Cli;

/// <summary>The verbs of the `appliance` binary. Each verb lives in its own file as a *Command type.</summary>
public static class ApplianceCli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Appliance: low-latency market-data and trading daemon.");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(SysinfoCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(RecordCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckConfigCommand.Create());
        root.Subcommands.Add(CtlCommand.Create());
        return root.Parse(args).Invoke();
    }
}
