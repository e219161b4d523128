using System.Runtime.InteropServices;
using Appliance.Venue;

// The venue simulator as a process: `dotnet run --project src/Appliance.Venue -- --urls http://127.0.0.1:9100`.
// Prints one line "venue: listening on http://127.0.0.1:PORT/ ..." once it accepts connections (parents that
// pass port 0 read the port from it), and stops cleanly on SIGINT/SIGTERM.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(VenueOptions.Usage);
    return 0;
}
VenueOptions options;
try
{
    options = VenueOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"venue: {e.Message}");
    Console.Error.WriteLine(VenueOptions.Usage);
    return 2;
}

VenueHost host;
try
{
    host = await VenueServer.StartAsync(options);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine($"venue: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"venue: cannot listen on {options.Urls}: {e.Message}");
    return 1;
}

await using (host)
{
    string mode = options.Replay is { } replay
        ? $"replaying {replay.Path} ({replay.Pace})"
        : $"{string.Join(",", options.Instruments.Select(i => i.Symbol))} seed {options.Seed} rate {options.Rate}/s depth {options.DepthLevels}";
    Console.WriteLine($"venue: listening on {host.BaseUri} ({mode})");
    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
    await stop.Task;
    Console.WriteLine("venue: stopping");
}
return 0;
