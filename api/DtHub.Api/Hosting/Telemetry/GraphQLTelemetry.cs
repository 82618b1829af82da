using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DtHub.Api.Hosting.Telemetry;

/// <summary>
/// The hub's own telemetry: a span per GraphQL operation (ActivitySource <c>DtHub.GraphQL</c>) and, on the meter of
/// the same name, its duration and the time its SQL took, tagged with the operation's name and type.
/// </summary>
public static class GraphQLTelemetry
{
    public const string SourceName = "DtHub.GraphQL";
    public const string OperationNameTag = "graphql.operation.name";
    public const string OperationTypeTag = "graphql.operation.type";
    public const string SqlTimeTag = "dthub.sql.duration_ms";
    public const string SqlCommandsTag = "dthub.sql.commands";

    public static readonly ActivitySource Source = new(SourceName);
    public static readonly Meter Meter = new(SourceName);

    /// <summary>Seconds from the start of execution to the result (parse, validation, resolvers).</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "dthub.graphql.operation.duration", "s", "Duration of GraphQL operations.");

    /// <summary>Seconds spent in SQL commands during an operation (summed over parallel resolvers, so it can exceed the duration).</summary>
    public static readonly Histogram<double> SqlTime = Meter.CreateHistogram<double>(
        "dthub.graphql.operation.sql_time", "s", "Time spent in SQL commands during GraphQL operations.");
}
