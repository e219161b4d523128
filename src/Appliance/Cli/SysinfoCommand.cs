using System.CommandLine;
using System.Text.Json;
using Appliance.Primitives.Host;
using Appliance.Primitives.Threading;

namespace Appliance.Cli;

/// <summary>`appliance sysinfo [--json] [--hot-cpus LIST]`: the preflight for a colocated box.</summary>
internal static class SysinfoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "One JSON document for scripts." };
        var hot = new Option<string?>("--hot-cpus") { Description = "CPUs the hot threads will use (e.g. 2-3): warns when they are not isolated." };
        var cmd = new Command("sysinfo", "Report CPU isolation, scheduling privileges, clock and memory settings of this host.") { json, hot };
        cmd.SetAction(parse =>
        {
            CpuSet? hotCpus = null;
            if (parse.GetValue(hot) is { } list)
            {
                if (!CpuSet.TryParse(list, out var set, out string error))
                {
                    Console.Error.WriteLine($"appliance sysinfo: --hot-cpus \"{list}\": {error}");
                    return ExitCodes.Usage;
                }
                hotCpus = set;
            }
            var info = HostInfoReader.Read();
            if (parse.GetValue(json)) WriteJson(info, hotCpus, Console.OpenStandardOutput());
            else WriteTable(info, hotCpus, Console.Out);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static void WriteTable(HostInfo i, CpuSet? hotCpus, TextWriter o)
    {
        static string Set(CpuSet s) => s.IsEmpty ? "none" : s.ToString();
        var rows = new List<(string, string)>
        {
            ("host", i.Hostname),
            ("kernel", i.KernelRelease ?? "unavailable"),
            ("cpu model", i.CpuModel ?? "unavailable"),
            ("logical cpus", $"{i.LogicalCpus} (online {Set(i.OnlineCpus)})"),
            ("isolated cpus", Set(i.IsolatedCpus)),
            ("nohz_full", Set(i.NohzFullCpus)),
            ("rcu_nocbs", Set(i.RcuNocbsCpus)),
            ("thread affinity", Set(i.ThreadAffinity)),
            ("thread policy", $"SCHED_{i.ThreadPolicy.ToString().ToUpperInvariant()} priority {i.ThreadPriority}"),
            ("SCHED_FIFO", i.FifoPermitted ? "permitted" : $"not permitted ({i.FifoDetail})"),
            ("mlockall", i.MlockallPermitted ? "permitted" : "not permitted"),
            ("RLIMIT_MEMLOCK", i.MemlockLimitBytes is { } m ? $"{m} bytes" : "unlimited"),
            ("capabilities", $"CAP_SYS_NICE {(i.CapSysNice ? "yes" : "no")}, CAP_IPC_LOCK {(i.CapIpcLock ? "yes" : "no")}"),
            ("clocksource", $"{i.Clocksource ?? "unavailable"} (available: {i.AvailableClocksources ?? "?"})"),
            ("invariant TSC", i.InvariantTsc ? "yes (constant_tsc, nonstop_tsc)" : $"no (constant_tsc {(i.ConstantTsc ? "yes" : "no")}, nonstop_tsc {(i.NonstopTsc ? "yes" : "no")})"),
            ("cpu governor", i.Governors.Count == 0 ? "unavailable (no cpufreq)" : string.Join(", ", i.Governors.GroupBy(g => g.Value).Select(g => $"{g.Key} on {new CpuSet(g.Select(x => x.Key))}"))),
            ("transparent hugepages", $"{i.TransparentHugePages ?? "unavailable"} (defrag {i.TransparentHugePagesDefrag ?? "?"})"),
        };
        int width = rows.Max(r => r.Item1.Length);
        foreach (var (k, v) in rows) o.WriteLine($"{k.PadRight(width)}  {v}");
        var warnings = i.Warnings(hotCpus);
        o.WriteLine();
        o.WriteLine(warnings.Count == 0 ? "no warnings" : $"{warnings.Count} warning(s):");
        foreach (string w in warnings) o.WriteLine($"  - {w}");
    }

    internal static void WriteJson(HostInfo i, CpuSet? hotCpus, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        static void Cpus(Utf8JsonWriter w, string name, CpuSet s)
        {
            w.WriteStartArray(name);
            foreach (int c in s.Cpus) w.WriteNumberValue(c);
            w.WriteEndArray();
        }
        w.WriteStartObject();
        w.WriteString("hostname", i.Hostname);
        w.WriteString("kernel_release", i.KernelRelease);
        w.WriteString("cpu_model", i.CpuModel);
        w.WriteNumber("logical_cpus", i.LogicalCpus);
        Cpus(w, "online_cpus", i.OnlineCpus);
        Cpus(w, "isolated_cpus", i.IsolatedCpus);
        Cpus(w, "nohz_full_cpus", i.NohzFullCpus);
        Cpus(w, "rcu_nocbs_cpus", i.RcuNocbsCpus);
        w.WriteString("kernel_command_line", i.KernelCommandLine);
        Cpus(w, "thread_affinity", i.ThreadAffinity);
        w.WriteString("thread_policy", "SCHED_" + i.ThreadPolicy.ToString().ToUpperInvariant());
        w.WriteNumber("thread_priority", i.ThreadPriority);
        w.WriteBoolean("sched_fifo_permitted", i.FifoPermitted);
        w.WriteString("sched_fifo_detail", i.FifoDetail);
        w.WriteBoolean("mlockall_permitted", i.MlockallPermitted);
        if (i.MemlockLimitBytes is { } m) w.WriteNumber("rlimit_memlock_bytes", m); else w.WriteNull("rlimit_memlock_bytes");
        w.WriteBoolean("cap_sys_nice", i.CapSysNice);
        w.WriteBoolean("cap_ipc_lock", i.CapIpcLock);
        w.WriteString("clocksource", i.Clocksource);
        w.WriteString("available_clocksources", i.AvailableClocksources);
        w.WriteBoolean("constant_tsc", i.ConstantTsc);
        w.WriteBoolean("nonstop_tsc", i.NonstopTsc);
        w.WriteBoolean("invariant_tsc", i.InvariantTsc);
        w.WriteStartObject("cpu_governors");
        foreach (var (cpu, g) in i.Governors) w.WriteString(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), g);
        w.WriteEndObject();
        w.WriteString("transparent_hugepages", i.TransparentHugePages);
        w.WriteString("transparent_hugepages_defrag", i.TransparentHugePagesDefrag);
        w.WriteStartArray("warnings");
        foreach (string s in i.Warnings(hotCpus)) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.Write("\n"u8);
    }
}
