using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Idempotency;

/// <summary>Deletes expired idempotency keys now and then; every instance may run it, deleting twice is harmless.</summary>
public sealed class IdempotencyCleanup(IdempotencyStore store, IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(options.Value.Expiry, stoppingToken);
                if (deleted > 0 && logger.IsEnabled(LogLevel.Information)) logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
            }
            catch (Npgsql.NpgsqlException e)
            {
                var interval = options.Value.CleanupInterval;
                logger.LogWarning(e, "Could not delete expired idempotency keys; trying again in {Interval}", interval);
            }
        }
    }
}
