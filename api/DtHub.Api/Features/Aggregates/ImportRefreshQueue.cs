using DtHub.Api.Features.Import;

namespace DtHub.Api.Features.Aggregates;

/// <summary>
/// After an import: in the web host, queue an incremental refresh on the (clustered) scheduler; on the command
/// line, where no scheduler runs, refresh right away so the figures are current when the command returns.
/// The import is already committed, so a refresh that cannot start is logged, not thrown.
/// </summary>
internal sealed class ImportRefreshQueue(IServiceProvider services, ILogger<ImportRefreshQueue> log) : IAggregateRefreshQueue
{
    public async ValueTask EnqueueAsync(string kind, IReadOnlyCollection<int> wardIds, CancellationToken cancellationToken = default)
    {
        var requestedBy = $"import:{kind}";
        try
        {
            if (services.GetService<AggregateRefresher>() is { } refresher)
                await refresher.QueueAsync(full: false, requestedBy, cancellationToken: cancellationToken);
            else
                await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Incremental, requestedBy, "cli", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Aggregates were not refreshed after the {Kind} import; the next scheduled refresh will catch up", kind);
        }
    }
}
