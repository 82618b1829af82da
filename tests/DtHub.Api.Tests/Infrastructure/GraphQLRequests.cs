using System.Text.Json;

namespace DtHub.Api.Tests.Infrastructure;

public static class GraphQLRequests
{
    /// <summary>POSTs to the real <c>/graphql</c> endpoint and returns the whole response body.</summary>
    public static async Task<JsonElement> ExecuteAsync(this HubApiFactory api, string query, object? variables = null)
    {
        using var document = await api.PostGraphQLAsync(query, variables);
        return document.RootElement.Clone();
    }
}
