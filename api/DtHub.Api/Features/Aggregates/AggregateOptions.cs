using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.Features.Aggregates;

/// <summary>How aggregates are computed and when they are refreshed. Section <c>Aggregates</c>.</summary>
public sealed class AggregateOptions
{
    public const string Section = "Aggregates";

    /// <summary>Merchants within this many metres of a model street's centre line count for the street.</summary>
    [Range(1, 1000)]
    public double StreetDistanceMeters { get; set; } = 30;

    /// <summary>Side (centre-to-corner) of a heatmap hexagon, in metres.</summary>
    [Range(10, 10000)]
    public double HexSizeMeters { get; set; } = 250;

    /// <summary>Metric projection the hexagon grid is laid out in (32648: WGS 84 / UTM 48N, which covers Vũng Tàu).</summary>
    [Range(1024, 999999)]
    public int GridSrid { get; set; } = 32648;

    /// <summary>Quartz cron for the full refresh (default nightly at 02:00).</summary>
    [Required]
    public string FullRefreshCron { get; set; } = "0 0 2 * * ?";

    /// <summary>Quartz cron for the incremental refresh (default every 5 minutes).</summary>
    [Required]
    public string IncrementalRefreshCron { get; set; } = "0 0/5 * * * ?";

    /// <summary>Run the scheduled refreshes on this host. Off, a host can still queue on-demand refreshes.</summary>
    public bool ScheduleRefreshes { get; set; } = true;

    /// <summary>Retries of a failed refresh; the waits double from <see cref="RetryFirstDelay"/>.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry of a failed refresh.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A refresh waits at most this long for a running one to finish before it fails (and is retried).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A refreshing session idle this long inside its transaction (its process frozen, say) is ended by PostgreSQL,
    /// releasing the lock for a recovery run; shorter than <see cref="LockTimeout"/>.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
