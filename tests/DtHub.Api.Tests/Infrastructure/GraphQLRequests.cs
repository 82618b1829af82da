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

public static class SnapshotText
{
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indented JSON with Vietnamese letters as they are, so snapshot diffs read in review.</summary>
    public static string Of(JsonElement json) => JsonSerializer.Serialize(json, Readable);
}
