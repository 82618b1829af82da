using GraphQL;
using GraphQL.Execution;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>HTTP status of an executed request, as the GraphQL-over-HTTP draft maps it per response media type.</summary>
public static class ResponseStatus
{
    /// <summary>Error code of an operation stopped by the execution timeout.</summary>
    public const string TimeoutCode = "EXECUTION_TIMEOUT";

    public static int For(string mediaType, IReadOnlyList<ExecutionResult> results, bool isBatch)
    {
        // Whatever the media type: the database is down, retry later (the writer adds Retry-After).
        if (results.Any(r => r.Errors?.Any(e => e.Code == Data.Outage.DatabaseOutage.Code) == true)) return StatusCodes.Status503ServiceUnavailable;
        // Legacy application/json: every well-formed request is 200, errors travel in the body.
        // A batch mixes outcomes, so it is 200 too; each element says how its operation went.
        if (mediaType == ResponseMediaType.Json || isBatch) return StatusCodes.Status200OK;

        var result = results[0];
        // A data entry (even null) means execution started: 200, with field errors in the body.
        if (result.Executed) return StatusCodes.Status200OK;
        var errors = result.Errors ?? [];
        if (errors.Any(e => e.Code == TimeoutCode)) return StatusCodes.Status504GatewayTimeout;
        if (errors.Any(e => e is UnhandledError)) return StatusCodes.Status500InternalServerError;
        // Parse, validation, limit and variable coercion errors: the document was refused.
        return StatusCodes.Status400BadRequest;
    }
}
