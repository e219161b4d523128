using Appliance.LatencyHarness;

// Latency harness: pinned threads, results in our HDR histogram.
//   hop [--seconds N] [--cpus A,B]   SpscRing round trip across two cores vs the bare cache-line floor
//   ws [--seconds N] [--gap-us N] [--busy-poll] [--cpus A,B]   WebSocket receive path vs raw TCP, one way
//   log [--seconds N] [--rate N] [--ring-bytes N] [--cpus CALLER,WRITER]   one log call's latency vs the clock floor
//   log-loop [--rounds N]   the call-site cost in a tight loop (as LoggingCallSiteBenchmarks), ns per call
//   log-file [--bursts N] [--lines N] [--threads N] [--json] [--path FILE]   lines per second into a file, end to end
//   feed [--seconds N] [--source venue|blast] [--rate N] [--lines N] [--cpus FEED,CONSUMER] [--ring N]
//        sustained single-feed throughput: source → one feed thread → ring → consumer, drops counted
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Appliance.LatencyHarness hop [--seconds N] [--cpus A,B]");
    Console.Error.WriteLine("       Appliance.LatencyHarness ws [--seconds N] [--gap-us N] [--busy-poll] [--cpus A,B]");
    Console.Error.WriteLine("       Appliance.LatencyHarness log [--seconds N] [--rate N] [--ring-bytes N] [--cpus CALLER,WRITER]");
    Console.Error.WriteLine("       Appliance.LatencyHarness log-loop [--rounds N]");
    Console.Error.WriteLine("       Appliance.LatencyHarness log-file [--bursts N] [--lines N] [--threads N] [--json] [--path FILE]");
    Console.Error.WriteLine("       Appliance.LatencyHarness feed [--seconds N] [--source venue|blast] [--rate N] [--lines N] [--cpus FEED,CONSUMER] [--ring N]");
    return 64;
}
return args[0] switch
{
    "hop" => HopLatency.Run(args[1..]),
    "ws" => WebSocketLatency.Run(args[1..]),
    "log" => LogCallLatency.Run(args[1..]),
    "log-file" => LogFileThroughput.Run(args[1..]),
    "log-loop" => LogCallLoop.Run(args[1..]),
    "feed" => FeedThroughput.Run(args[1..]),
    _ => Unknown(args[0]),
};

static int Unknown(string mode)
{
    Console.Error.WriteLine($"unknown mode '{mode}'");
    return 64;
}
