// Cross-core hop latency: see HopLatency.cs. Usage: dotnet run -c Release -- [--seconds N] [--cpus A,B]
return 0;
