using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using DtHub.Api.GraphQL.PersistedOperations;
using DtHub.Api.GraphQL.Transport.Limits;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>
/// <c>/graphql</c>: negotiates the response type, reads the request, runs each operation against the registered
/// <see cref="ISchema"/> under the transport's limits and timeout, and writes the results.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    IDocumentBuilder documentBuilder,
    GraphQLRequestReader reader,
    Uploads.MultipartRequestReader uploads,
    GraphQLResponseWriter writer,
    TransportValidationRules validationRules,
    PersistedOperationGate persistedOperations,
    IOptions<GraphQLTransportOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var mediaType = ResponseMediaType.Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            await writer.WriteRejectionAsync(http, RequestRejectedException.NotAcceptable(
                $"Cannot answer with '{http.Request.Headers.Accept}'; accept {ResponseMediaType.GraphQLResponse} or {ResponseMediaType.Json}."),
                ResponseMediaType.Json);
            return;
        }

        try
        {
            var request = Uploads.MultipartRequestReader.IsMultipart(http.Request)
                ? await uploads.ReadAsync(http.Request, http.RequestAborted)
                : await reader.ReadAsync(http.Request, http.RequestAborted);
            var results = await ExecuteAllAsync(http, request);
            if (results is null) return; // the client went away
            await writer.WriteAsync(http, mediaType, results, request.IsBatch);
        }
        catch (RequestRejectedException rejection)
        {
            await writer.WriteRejectionAsync(http, rejection, mediaType);
        }
    }

    private async Task<List<ExecutionResult>?> ExecuteAllAsync(HttpContext http, GraphQLHttpRequest request)
    {
        // One timeout for the whole HTTP request, so a batch cannot multiply it; cancelling it cancels the SQL too.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(request.ExecutionTimeout ?? options.Value.ExecutionTimeout);

        var results = new List<ExecutionResult>(request.Operations.Count);
        foreach (var requested in request.Operations)
        {
            var (operation, registered, refusal) = persistedOperations.Resolve(requested, http.User);
            if (refusal is not null)
            {
                results.Add(new ExecutionResult(refusal));
                continue;
            }
            var document = request.IsGet ? RefuseMutationOverGet(operation) : registered;
            try
            {
                results.Add(await executer.ExecuteAsync(new ExecutionOptions
                {
                    Query = operation.Query,
                    Document = document,
                    OperationName = operation.OperationName,
                    Variables = operation.Variables,
                    Extensions = operation.Extensions,
                    ValidationRules = validationRules.All,
                    RequestServices = http.RequestServices,
                    User = http.User,
                    UserContext = new HubUserContext(http),
                    CancellationToken = timeout.Token,
                }));
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return null;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                logger.LogWarning("GraphQL operation {OperationName} cancelled after {Timeout} ({Key})",
                    operation.OperationName ?? "(anonymous)", options.Value.ExecutionTimeout, GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.ExecutionTimeout)));
                results.Add(TimedOut());
            }
        }
        return results;
    }

    /// <summary>GET may only read: a mutation over GET is refused with 405 before it runs. Returns the parsed document for reuse.</summary>
    private GraphQLDocument? RefuseMutationOverGet(GraphQLRequest request)
    {
        GraphQLDocument document;
        try
        {
            document = documentBuilder.Build(request.Query!);
        }
        catch (ExecutionError)
        {
            return null; // the executer reports the syntax error as usual
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = request.OperationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        if (selected is not null && selected.Operation != OperationType.Query)
        {
            throw RequestRejectedException.MethodNotAllowed(
                $"A {selected.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST. GET is for queries only.");
        }
        return document;
    }

    private ExecutionResult TimedOut() => new(new ExecutionError(string.Format(CultureInfo.InvariantCulture,
        "Execution exceeded {0:0.###} s and was cancelled ({1}).",
        options.Value.ExecutionTimeout.TotalSeconds, GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.ExecutionTimeout))))
    { Code = ResponseStatus.TimeoutCode });
}
