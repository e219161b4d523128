using System.Diagnostics;
using Appliance.Logging;
using Appliance.Logging.Sinks;
using Appliance.Primitives.FixedPoint;

namespace Appliance.LatencyHarness;

/// <summary>
/// Lines per second into a file, end to end, the same record and setup as LoggingThroughputBenchmarks but in
/// a few seconds: one thread logs a burst of lines (blocking when its ring is full, so none is dropped) and
/// waits for the flush; each burst is timed. Quicker than a BenchmarkDotNet run for before/after comparisons
/// on a noisy machine (report the best and the median burst). Goal (issue 8): ≥ 5 M lines/s.
/// </summary>
public static class LogFileThroughput
{
    public static int Run(string[] args)
    {
        int bursts = 7;
        int lines = 1_000_000;
        LineFormat format = LineFormat.Text;
        string? path = null;
        int threads = 1;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bursts": bursts = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--lines": lines = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--json": format = LineFormat.Json; break;
                case "--path": path = args[++i]; break;
                case "--threads": threads = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"log-file: unknown argument {args[i]}"); return 64;
            }
        }

        string dir = Directory.CreateTempSubdirectory("log-throughput-").FullName;
        path ??= Path.Combine(dir, "throughput.log");
        var options = new LogOptions { BufferBytes = 16 << 20, BlockWhenFull = true, FlushOnProcessExit = false };
        var nsPerLine = new double[bursts];
        var writerCpu = new double[bursts];
        var writerIdle = new double[bursts];
        LogCounters counters;
        double userNs, kernelNs;
        using (var system = new LogSystem(options, new FileSink(path, format)))
        {
            Logger log = system.GetLogger("Bench");
            var price = new Price(10125, 2);
            var qty = new Quantity(3, 0);
            log.Info($"start");
            system.Flush(TimeSpan.FromMinutes(1));
            string writerStat = WriterSchedStat(options.WriterThreadName);
            string writerTimes = writerStat.Replace("/schedstat", "/stat");
            (long user0, long kernel0) = (0, 0);
            // With --threads N, N threads each log lines / N per burst: the writer merges N rings by time.
            using var barrier = new Barrier(threads + 1);
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    for (int b = -1; b < bursts; b++)
                    {
                        barrier.SignalAndWait();
                        for (long i = 0; i < lines / threads; i++) log.Info($"fill {i} px={price} qty={qty}");
                        barrier.SignalAndWait();
                    }
                }) { IsBackground = true, Name = $"log-producer-{t}" };
                workers[t].Start();
            }
            for (int b = -1; b < bursts; b++)
            {
                if (b == 0) (user0, kernel0) = UserKernelTicks(writerTimes);
                (long cpu0, long wait0) = SchedStat(writerStat);
                long start = Stopwatch.GetTimestamp();
                barrier.SignalAndWait();
                barrier.SignalAndWait();
                system.Flush(TimeSpan.FromMinutes(1));
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / lines;
                (long cpu1, long wait1) = SchedStat(writerStat);
                if (b < 0) continue;   // burst -1 warms up
                nsPerLine[b] = ns;
                writerCpu[b] = (cpu1 - cpu0) / (double)lines;
                writerIdle[b] = ns - (cpu1 - cpu0 + wait1 - wait0) / (double)lines;
            }
            (long user1, long kernel1) = UserKernelTicks(writerTimes);
            // USER_HZ is 100 on Linux: one tick is 10 ms, so this is a sum over all measured bursts.
            userNs = (user1 - user0) * 10_000_000.0 / ((long)lines * bursts);
            kernelNs = (kernel1 - kernel0) * 10_000_000.0 / ((long)lines * bursts);
            counters = system.Counters;
        }
        long fileBytes = new FileInfo(path).Length;
        Directory.Delete(dir, recursive: true);

        Array.Sort(nsPerLine);
        Array.Sort(writerCpu);
        Array.Sort(writerIdle);
        double best = nsPerLine[0], median = nsPerLine[bursts / 2];
        Console.WriteLine($"{format} file {path}, {bursts} bursts of {lines:N0} lines from {threads} thread(s) (after one warm-up burst)");
        Console.WriteLine($"ns/line sorted: {string.Join(" ", Array.ConvertAll(nsPerLine, v => v.ToString("F1")))}");
        Console.WriteLine($"best {best:F1} ns/line = {1e3 / best:F2} M lines/s; median {median:F1} ns/line = {1e3 / median:F2} M lines/s");
        Console.WriteLine($"writer thread CPU (schedstat) ns/line sorted: {string.Join(" ", Array.ConvertAll(writerCpu, v => v.ToString("F1")))}");
        Console.WriteLine($"writer CPU best {writerCpu[0]:F1} ns/line = {1e3 / writerCpu[0]:F2} M lines/s; median {writerCpu[bursts / 2]:F1} ns/line ");
        Console.WriteLine($"writer CPU split over all bursts (10 ms ticks): user {userNs:F1} ns/line, kernel {kernelNs:F1} ns/line " +
                          "(the kernel part is mostly the copy into the page cache, which varies with the VM's memory state)");
        Console.WriteLine($"writer idle (neither running nor waiting for a CPU) ns/line sorted: {string.Join(" ", Array.ConvertAll(writerIdle, v => v.ToString("F1")))}");
        Console.WriteLine($"lines written {counters.LinesWritten}, dropped {counters.Dropped}, file {fileBytes:N0} bytes");
        return 0;
    }

    /// <summary>/proc path of the writer thread's schedstat (first field: ns spent on a CPU), found by thread name.</summary>
    private static string WriterSchedStat(string name)
    {
        // The writer names itself once it runs, which may be a moment after the log system was made.
        for (long deadline = Environment.TickCount64 + 5_000; Environment.TickCount64 < deadline; Thread.Sleep(10))
        {
            foreach (string task in Directory.GetDirectories("/proc/self/task"))
            {
                string tid = Path.GetFileName(task);
                if (File.ReadAllText($"/proc/self/task/{tid}/comm").Trim() == name) return $"/proc/{Environment.ProcessId}/task/{tid}/schedstat";
            }
        }
        throw new InvalidOperationException($"no thread named {name}");
    }

    /// <summary>utime and stime of a thread, in clock ticks.</summary>
    private static (long User, long Kernel) UserKernelTicks(string stat)
    {
        string text = File.ReadAllText(stat);
        string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Nanoseconds on a CPU and nanoseconds runnable but waiting for one.</summary>
    private static (long OnCpu, long Waiting) SchedStat(string schedstat)
    {
        string[] fields = File.ReadAllText(schedstat).Split(' ');
        return (long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
