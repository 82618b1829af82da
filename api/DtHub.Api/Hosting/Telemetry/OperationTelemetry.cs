using System.Diagnostics;
using GraphQL;
using GraphQL.DI;

namespace DtHub.Api.Hosting.Telemetry;

/// <summary>
/// Wraps every GraphQL execution: a span named after the operation ("query WardList"), the duration and SQL-time
/// histograms, and a log scope plus one structured log line carrying the operation name.
/// </summary>
public sealed class OperationTelemetry(ILogger<OperationTelemetry> logger) : IConfigureExecution
{
    public float SortOrder => 0; // outermost: measure everything the executer does

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        using var activity = GraphQLTelemetry.Source.StartActivity("graphql", ActivityKind.Internal);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["GraphQLOperation"] = options.OperationName ?? "(anonymous)" });
        using var sql = SqlTimer.Start();
        var started = Stopwatch.GetTimestamp();
        var result = await next(options);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var name = result.Operation?.Name?.StringValue ?? options.OperationName ?? "(anonymous)";
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var tags = new TagList { { GraphQLTelemetry.OperationNameTag, name }, { GraphQLTelemetry.OperationTypeTag, type } };
        GraphQLTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        GraphQLTelemetry.SqlTime.Record(sql.Measured.Elapsed.TotalSeconds, tags);

        var errors = result.Errors?.Count ?? 0;
        if (activity is not null)
        {
            activity.DisplayName = $"{type} {name}";
            activity.SetTag(GraphQLTelemetry.OperationNameTag, name);
            activity.SetTag(GraphQLTelemetry.OperationTypeTag, type);
            activity.SetTag(GraphQLTelemetry.SqlTimeTag, sql.Measured.Elapsed.TotalMilliseconds);
            activity.SetTag(GraphQLTelemetry.SqlCommandsTag, sql.Measured.Commands);
            if (errors > 0) activity.SetStatus(ActivityStatusCode.Error, result.Errors![0].Message);
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("GraphQL {OperationType} {OperationName} took {ElapsedMs:0.0} ms, SQL {SqlMs:0.0} ms in {SqlCommands} commands, {ErrorCount} errors",
                type, name, elapsed.TotalMilliseconds, sql.Measured.Elapsed.TotalMilliseconds, sql.Measured.Commands, errors);
        }
        return result;
    }
}
