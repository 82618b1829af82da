using GraphQL;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>Writes GraphQL results, or a transport rejection, as a JSON body with the negotiated media type.</summary>
public sealed class GraphQLResponseWriter(IGraphQLTextSerializer serializer)
{
    public async Task WriteAsync(HttpContext http, string mediaType, IReadOnlyList<ExecutionResult> results, bool isBatch)
    {
        http.Response.StatusCode = ResponseStatus.For(mediaType, results, isBatch);
        if (http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = Data.Outage.DatabaseOutage.RetryAfter;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        if (isBatch) await serializer.WriteAsync(http.Response.Body, results, http.RequestAborted);
        else await serializer.WriteAsync(http.Response.Body, results[0], http.RequestAborted);
    }

    /// <summary>A refused request: its status and a body with one error and no data entry.</summary>
    public async Task WriteRejectionAsync(HttpContext http, RequestRejectedException rejection, string mediaType)
    {
        http.Response.StatusCode = rejection.StatusCode;
        if (rejection.StatusCode == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "GET, POST";
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        var result = new ExecutionResult(new ExecutionError(rejection.Message) { Code = rejection.Code });
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
