using GraphQL.Transport;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>The operations of one HTTP request: one, or several when the body is a JSON array (a batch).</summary>
public sealed record GraphQLHttpRequest(IReadOnlyList<GraphQLRequest> Operations, bool IsBatch, bool IsGet)
{
    /// <summary>Overrides the transport's execution timeout (multipart uploads: an import runs for minutes).</summary>
    public TimeSpan? ExecutionTimeout { get; init; }
}
