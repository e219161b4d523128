using BenchmarkDotNet.Running;

// Run every benchmark class, or a subset: dotnet run -c Release -- --filter '*Ring*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
