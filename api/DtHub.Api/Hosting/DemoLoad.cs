using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Demo;

namespace DtHub.Api.Hosting;

/// <summary>
/// Loads the demo data and makes sure its aggregates exist, so the map has figures the moment the hub starts
/// (instead of waiting for the first scheduled refresh).
/// </summary>
internal static class DemoLoad
{
    public static async Task<bool> SeedAndRefreshAsync(IServiceProvider services, Action<string> progress, CancellationToken cancellationToken = default)
    {
        var loaded = await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(progress);
        var runs = services.GetRequiredService<AggregateRunStore>();
        if (loaded || await runs.LatestSuccessfulAsync(cancellationToken) is null)
        {
            progress("aggregates: full refresh");
            var run = await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "seed-demo", "startup", cancellationToken);
            progress($"aggregates: {run.Status.ToString().ToLowerInvariant()} ({run.UnitsTouched} wards, {run.RowsWritten} rows)");
        }
        return loaded;
    }
}
