using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.NativeAot;

// Run every benchmark class, or a subset: dotnet run -c Release -- --filter '*Ring*'
// With --aot first, the benchmarks run (short job) compiled by NativeAOT for net9.0, as the daemon ships (our hot paths and
// the peers' alike); without it, on the JIT of the installed runtime.
if (args.Length > 0 && args[0] == "--aot")
{
    Job aot = Job.ShortRun
        .WithToolchain(NativeAotToolchain.CreateBuilder()
            .UseNuGet("9.0.20", "https://api.nuget.org/v3/index.json")   // the ILCompiler the daemon ships with
            .IlcGenerateCompleteTypeMetadata(false)
            .TargetFrameworkMoniker("net9.0")
            .ToToolchain())
        // The generated project references this one, which must then build for net9.0 too.
        .WithArguments([new MsBuildArgument("/p:ApplianceToolTfm=net9.0")])
        .WithId("NativeAOT net9.0");
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..], DefaultConfig.Instance.AddJob(aot));
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

public partial class Program;
