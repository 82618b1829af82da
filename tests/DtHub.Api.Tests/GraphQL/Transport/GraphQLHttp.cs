using System.Net;
using System.Text;
using System.Text.Json;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>One raw HTTP exchange with the transport: status, headers and the body (parsed when it is JSON).</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, string? MediaType, string? Charset, string Allow, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The messages of the response's errors (single response).</summary>
    public IReadOnlyList<string> ErrorMessages =>
        Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()!)] : [];

    public bool HasData => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("data", out _);

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}

/// <summary>Small builders for requests the spec cares about (content type, Accept, raw bodies).</summary>
internal static class GraphQLHttp
{
    public const string GraphQLResponse = "application/graphql-response+json";

    public static async Task<HttpAnswer> SendAsync(HttpClient client, HttpMethod method, string path,
        string? body = null, string? contentType = "application/json", string? accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet, string.Join(", ", response.Content.Headers.Allow), text);
    }

    public static Task<HttpAnswer> PostAsync(HttpClient client, object request, string? accept = GraphQLResponse) =>
        SendAsync(client, HttpMethod.Post, "graphql", JsonSerializer.Serialize(request), accept: accept);

    public static Task<HttpAnswer> GetAsync(HttpClient client, string queryString, string? accept = GraphQLResponse) =>
        SendAsync(client, HttpMethod.Get, "graphql?" + queryString, accept: accept);

    /// <summary>A query whose deepest field sits at <paramref name="depth"/> levels: __type, fields, type, then ofType… down to name.</summary>
    public static string QueryOfDepth(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 4);
        var inner = "name";
        for (var i = 0; i < depth - 4; i++) inner = $"ofType {{ {inner} }}";
        return $$"""{ __type(name: "Query") { fields { type { {{inner}} } } } }""";
    }

    /// <summary>One root field holding <paramref name="count"/> aliased fields.</summary>
    public static string QueryWithAliases(int count) =>
        "{ __type(name: \"Query\") { " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: name")) + " } }";

    /// <summary><paramref name="count"/> root fields (aliased, so they do not merge).</summary>
    public static string QueryWithRootFields(int count) =>
        "{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"r{i}: __typename")) + " }";
}
