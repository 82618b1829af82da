namespace DtHub.Api.Features.Import;

/// <summary>
/// Where an import asks for the aggregates it made stale to be recomputed. The import only queues the request;
/// the refresher (Features/Aggregates) does the work outside the import's transaction.
/// </summary>
public interface IAggregateRefreshQueue
{
    /// <param name="kind">What was imported, e.g. "ward-report".</param>
    /// <param name="wardIds">Wards whose figures changed; empty means "all".</param>
    /// <param name="cancellationToken">Stops waiting for the queue, not the import (already committed).</param>
    ValueTask EnqueueAsync(string kind, IReadOnlyCollection<int> wardIds, CancellationToken cancellationToken = default);
}

/// <summary>Default until the aggregate refresher is wired in: nothing to refresh.</summary>
internal sealed class NoAggregateRefresh : IAggregateRefreshQueue
{
    public ValueTask EnqueueAsync(string kind, IReadOnlyCollection<int> wardIds, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
}
