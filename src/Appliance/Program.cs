using Appliance.Cli;

return ApplianceCli.Run(args);
