using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DtHub.Bench.Running;

/// <summary>A plain GraphQL-over-HTTP client (POST, JSON) that fails loudly on any GraphQL error.</summary>
public sealed class GraphQLClient(HttpClient http, string url)
{
    public string Url => url;

    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync(url, new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body) ?? throw new InvalidOperationException($"{url}: empty response");
        if (json["errors"] is JsonArray { Count: > 0 } errors || !response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: HTTP {(int)response.StatusCode}: {Truncate(json["errors"]?.ToJsonString() ?? body)}");
        return json["data"]!;
    }

    /// <summary>The request body wrk replays for throughput runs.</summary>
    public static string Body(string query, object? variables) => JsonSerializer.Serialize(new { query, variables });

    private static string Truncate(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
