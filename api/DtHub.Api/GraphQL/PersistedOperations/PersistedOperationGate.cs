using DtHub.Api.Features.Auth;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>An operation ready to execute (with its parsed document when it was registered), or the reason it may not run.</summary>
public sealed record PersistedResolution(GraphQLRequest Request, GraphQLDocument? Document, ExecutionError? Refusal);

/// <summary>
/// Turns <c>{"documentId": …}</c> (GraphQL-over-HTTP persisted documents, Relay) and Apollo's
/// <c>extensions.persistedQuery.sha256Hash</c> into the registered document, and refuses free documents from
/// callers restricted to registered operations — before anything is parsed or executed, so no SQL runs.
/// </summary>
public sealed class PersistedOperationGate(PersistedOperationRegistry registry, IOptions<PersistedOperationsOptions> options, AuthOptions auth)
{
    public const string NotFoundCode = "PERSISTED_OPERATION_NOT_FOUND";
    public const string ApolloNotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string RequiredCode = "PERSISTED_OPERATION_REQUIRED";

    private static readonly string ModeKey = PersistedOperationsOptions.Key(nameof(PersistedOperationsOptions.Mode));

    public PersistedResolution Resolve(GraphQLRequest request, System.Security.Claims.ClaimsPrincipal user)
    {
        var mode = options.Value.Mode;
        var apolloHash = ApolloHash(request.Extensions);
        if (mode == PersistedOperationsMode.Off)
        {
            return request.DocumentId is null && apolloHash is null
                ? new(request, null, null)
                : Refuse("PERSISTED_OPERATIONS_OFF", $"Persisted operations are off ({ModeKey} = Off); send the document as 'query'.");
        }

        if (request.DocumentId is { } documentId)
        {
            if (request.Query is not null) return Refuse("INVALID_REQUEST", "Send either 'documentId' or 'query', not both.");
            return registry.Find(documentId) is { } registered
                ? Use(request, registered)
                : Refuse(NotFoundCode, $"No registered operation has the id '{documentId}'; ids are 'sha256:<hex of the file text>' or the file name.");
        }
        if (apolloHash is not null)
        {
            if (registry.FindByHash(apolloHash) is { } registered) return Use(request, registered);
            // Apollo clients answer PERSISTED_QUERY_NOT_FOUND by resending with the document; nothing is registered at run time.
            if (request.Query is null) return Refuse(ApolloNotFoundCode, $"No registered operation has the sha256Hash '{apolloHash}'.");
            if (!string.Equals(PersistedOperationRegistry.HashOf(request.Query), apolloHash, StringComparison.OrdinalIgnoreCase))
                return Refuse("PERSISTED_QUERY_HASH_MISMATCH", "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.");
        }

        if (request.Query is null || Restriction(mode, user) is not { } rule) return new(request, null, null);
        // A restricted caller may still send the exact text of a registered operation.
        return registry.FindByHash(PersistedOperationRegistry.HashOf(request.Query)) is { } same
            ? Use(request, same)
            : Refuse(RequiredCode, $"{rule}; send {{\"documentId\": \"sha256:<hash>\"}} of a registered operation, not a document.");
    }

    /// <summary>Why this caller may run registered operations only, or null when it may send documents.</summary>
    private string? Restriction(PersistedOperationsMode mode, System.Security.Claims.ClaimsPrincipal user)
    {
        var caller = HubCaller.From(user, auth);
        if (caller.Kind != CallerKind.ApiKey) return null;
        if (mode == PersistedOperationsMode.Require) return $"API keys may run registered operations only ({ModeKey} = Require)";
        return user.HasClaim(ApiKeyAuthenticationHandler.PersistedOnlyClaim, "true")
            ? "This API key may run registered operations only (its persistedOperationsOnly flag)"
            : null;
    }

    private static string? ApolloHash(Inputs? extensions) =>
        extensions?.TryGetValue("persistedQuery", out var value) == true && value is IDictionary<string, object?> persisted
            && persisted.TryGetValue("sha256Hash", out var hash) && hash is string text ? text : null;

    private static PersistedResolution Use(GraphQLRequest request, PersistedOperation registered) => new(
        new GraphQLRequest
        {
            Query = registered.Text,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
        },
        registered.Document, null);

    private static PersistedResolution Refuse(string code, string message) => new(new GraphQLRequest(), null, new ExecutionError(message) { Code = code });
}
