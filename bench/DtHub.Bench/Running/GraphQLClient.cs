using System.Net.Http.Json;
using System.Text.Json;

namespace DtHub.Bench.Running;

/// <summary>A plain GraphQL-over-HTTP client (POST, JSON) that fails loudly on any GraphQL error.</summary>
/// <remarks>
/// Each response is parsed once, from its UTF-8 bytes, into a <see cref="JsonDocument"/>: every token read and
/// checked, as the floor reads every column of every row. DtHub and PostGraphile are read alike. (Until 29 November
/// a <c>JsonNode</c> tree from a decoded string: 194 against 185 ms for the all-wards choropleth walk.)
/// </remarks>
public sealed class GraphQLClient(HttpClient http, string url)
{
    public string Url => url;

    /// <summary>The response's <c>data</c>, detached from the parsed document.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync(url, new { query, variables });
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 || !response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: HTTP {(int)response.StatusCode}: {Truncate(errors.ValueKind == JsonValueKind.Undefined ? System.Text.Encoding.UTF8.GetString(body) : errors.GetRawText())}");
        return root.GetProperty("data").Clone();
    }

    /// <summary>The request body wrk replays for throughput runs.</summary>
    public static string Body(string query, object? variables) => JsonSerializer.Serialize(new { query, variables });

    private static string Truncate(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
