using System.IO.MemoryMappedFiles;
using Appliance.Logging;
using Appliance.Logging.Sinks;

// Usage: ChildLogger <log file> <progress file> <flush interval ms> <burst>
// Logs "seq N" for N = 1, 2, ... in bursts of <burst> records with a 1 ms pause between bursts, and after each call
// stores N in the memory-mapped progress file (page cache: it survives SIGKILL), so the test knows how
// far the child got beyond what reached the log.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: ChildLogger <log file> <progress file> <flush interval ms> <burst>");
    return 64;
}
int burst = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);

using var progressFile = MemoryMappedFile.CreateFromFile(args[1], FileMode.Create, null, 4096);
using MemoryMappedViewAccessor progress = progressFile.CreateViewAccessor(0, 8);
var options = new LogOptions
{
    FlushInterval = TimeSpan.FromMilliseconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    BlockWhenFull = true,
};
using var system = new LogSystem(options, new FileSink(args[0]));
Logger log = system.GetLogger("Child");
Console.Out.WriteLine("ready");
Console.Out.Flush();

for (long seq = 1; ; seq++)
{
    log.Info($"seq {seq}");
    progress.Write(0, seq);
    if (seq % burst == 0) Thread.Sleep(1);
}
