using Appliance.Venue.Connections;

namespace Appliance.Venue.Faults;

/// <summary>The --fault specs of a connection's channel (and tag): each applied after_ms after it opens, again every every_ms.</summary>
internal static class StartupFaults
{
    public static async Task RunAsync(IVenueConnection connection, VenueRuntime venue, CancellationToken ended)
    {
        List<FaultSpec> specs = venue.Options.Faults
            .Where(f => f.Channel == connection.Channel && (f.Tag is null || f.Tag == connection.Tag) && f.Connection is null)
            .ToList();
        if (specs.Count == 0) return;
        await Task.WhenAll(specs.Select(async spec =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(spec.AfterMs), ended);
                while (!ended.IsCancellationRequested)
                {
                    connection.Inject(venue.Faults.Create(spec, connection.Channel, connection.Id));
                    if (spec.EveryMs <= 0) return;
                    await Task.Delay(TimeSpan.FromMilliseconds(spec.EveryMs), ended);
                }
            }
            catch (OperationCanceledException) { }
        }));
    }
}
