namespace DtHub.Api.Features.Aggregates;

/// <summary>Whether a refresh recomputes every unit or only those whose inputs changed.</summary>
public enum AggregateRunKind
{
    /// <summary>Every unit is recomputed.</summary>
    Full,
    /// <summary>Only units whose inputs changed since the last successful refresh (and those they feed).</summary>
    Incremental,
}

/// <summary>Where a refresh run is in its life.</summary>
public enum AggregateRunStatus
{
    /// <summary>Asked for, not started yet.</summary>
    Queued,
    /// <summary>Computing; its results are not visible until it succeeds.</summary>
    Running,
    /// <summary>Committed: its figures are what readers see.</summary>
    Succeeded,
    /// <summary>Rolled back: the previous figures stay; see <see cref="AggregateRun.Error"/>.</summary>
    Failed,
}

/// <summary>One refresh of the aggregates, as recorded in <c>aggregate_runs</c>.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Kind">Full or incremental.</param>
/// <param name="Status">Queued, running, succeeded or failed.</param>
/// <param name="RequestedBy">What asked for it: "schedule", "api", "cli", "recovery".</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="StartedAt">When its latest attempt started.</param>
/// <param name="FinishedAt">When it succeeded or failed.</param>
/// <param name="UnitsTouched">Wards recomputed.</param>
/// <param name="RowsWritten">Aggregate rows written.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Attempt">How many times it was started (recovery after a host died starts it again).</param>
/// <param name="SchedulerInstanceId">The Quartz instance that ran its latest attempt.</param>
/// <param name="DataVersion">The data version its commit produced.</param>
public sealed record AggregateRun(
    long Id,
    AggregateRunKind Kind,
    AggregateRunStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? UnitsTouched,
    int? RowsWritten,
    string? Error,
    int Attempt,
    string? SchedulerInstanceId,
    long? DataVersion);
