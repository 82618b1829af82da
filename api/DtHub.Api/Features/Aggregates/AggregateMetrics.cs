using System.Diagnostics.Metrics;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Metrics of the aggregate refresh (meter <c>DtHub.Aggregates</c>).</summary>
public static class AggregateMetrics
{
    /// <summary>Meter name, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "DtHub.Aggregates";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Failed refresh attempts: a stale dashboard must be loud.</summary>
    public static readonly Counter<long> RefreshFailures =
        Meter.CreateCounter<long>("dthub.aggregates.refresh.failures", unit: "{attempt}", description: "Aggregate refresh attempts that failed");
}
