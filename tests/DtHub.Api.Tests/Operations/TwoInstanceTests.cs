using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// Two API processes on one database behave as one hub: the same answers, each other's writes, the same tiles and
/// ETags (the data version lives in the database), the same tokens (the signing key comes from configuration).
/// Rate-limit counters are the one thing each process keeps for itself.
/// </summary>
[Collection(OperationsCollection.Name)]
[Trait("Category", "Operations")]
public sealed class TwoInstanceTests(OperationsDatabase database, ITestOutputHelper output)
{
    private const string SigningKey = "two-instance-test-signing-key-0123456789abcdef";
    private const int PerIpPermits = 80;

    private static readonly string[] Queries =
    [
        "{ wards(first: 10) { totalCount nodes { id code name kind geometry } } }",
        "{ merchants(first: 10, order: [{ name: ASC }]) { totalCount nodes { id name category acceptsQr location ward { code } } } }",
        """{ merchants(where: { location: { distance: { geometry: { type: "Point", coordinates: [107.002, 10.305] }, lte: 600 } } }) { totalCount } }""",
        "{ wifiPoints(first: 50, order: [{ name: ASC }]) { totalCount nodes { name radiusMeters } } }",
    ];

    [Fact]
    public async Task Two_processes_on_one_database_serve_the_same_hub()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DTHUB_DB"] = database.ConnectionString,
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__AllowAnonymousReads"] = "true",
            ["Jobs__RunScheduler"] = "false",
            ["RateLimit__PerIpPermits"] = PerIpPermits.ToString(CultureInfo.InvariantCulture),
            ["RateLimit__PerIpWindow"] = "00:01:00",
            // A cold process builds its schema and EF model on the first query; this shared machine may take longer than 10 s.
            ["GraphQL__Transport__ExecutionTimeout"] = "00:01:00",
        };
        var started = await Task.WhenAll(ApiProcess.StartAsync(environment), ApiProcess.StartAsync(environment));
        await using var one = started[0];
        await using var two = started[1];
        using var a = one.CreateClient();
        using var b = two.CreateClient();
        output.WriteLine($"instances at {one.BaseAddress} and {two.BaseAddress}");

        // The same answers, byte for byte.
        foreach (var query in Queries) Assert.Equal(await PostAsync(a, query), await PostAsync(b, query));
        Assert.Equal(await a.GetStringAsync("graphql/schema.graphql"), await b.GetStringAsync("graphql/schema.graphql"));
        await AssertSameTileAsync(a, b);

        // A token printed by a third process (the CLI) is good on both: the key is configuration, not per process.
        var token = (await ApiProcess.RunCommandAsync(["token", "--role", "admin"], environment)).Split('\n').Last(l => l.Count(c => c == '.') == 2).Trim();
        var name = $"two-instances-{Guid.NewGuid():N}";
        var created = await PostAsync(a, """mutation($in: CreateWifiPointInput!) { createWifiPoint(input: $in) { wifiPoint { id } errors { code } } }""",
            new { @in = new { name, radiusMeters = 40, location = new { type = "Point", coordinates = new[] { 107.005, 10.305 } } } }, token);
        var id = JsonDocument.Parse(created).RootElement.GetProperty("data").GetProperty("createWifiPoint").GetProperty("wifiPoint").GetProperty("id").GetString();
        // Written through one, read through the other — also as the same signed-in admin.
        var lookup = $$"""{ node(id: "{{id}}") { ... on WifiPoint { name radiusMeters } } }""";
        Assert.Contains(name, await PostAsync(b, lookup, token: token), StringComparison.Ordinal);
        Assert.Equal(await PostAsync(a, lookup), await PostAsync(b, lookup));

        // A new data version (an import or refresh, from any instance or the CLI) changes both ETags at once.
        var before = await AssertSameTileAsync(a, b);
        await database.Server.ExecuteAsync(OperationsDatabase.Database, "UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1");
        var after = await AssertSameTileAsync(a, b);
        Assert.NotEqual(before, after);

        // Each instance counts its own clients' requests: the limit is reached on one while the other still serves.
        var refusedAfter = await RequestsUntilRefusedAsync(a);
        using (var stillServing = await b.PostAsJsonAsync("graphql", new { query = "{ __typename }" }))
            Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
        Assert.True(await RequestsUntilRefusedAsync(b) > 0);
        output.WriteLine($"instance one refused the client after {refusedAfter} more requests; instance two kept serving it until its own limit of {PerIpPermits}");
    }

    private static async Task<string> PostAsync(HttpClient client, string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && !JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out _), $"{query} → {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Same tile bytes and ETag from both; returns the ETag.</summary>
    private static async Task<string> AssertSameTileAsync(HttpClient a, HttpClient b)
    {
        using var ta = await a.GetAsync("tiles/wards/10/816/482.mvt");
        using var tb = await b.GetAsync("tiles/wards/10/816/482.mvt");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (ta.StatusCode, tb.StatusCode));
        Assert.Equal(await ta.Content.ReadAsByteArrayAsync(), await tb.Content.ReadAsByteArrayAsync());
        Assert.Equal(ta.Headers.ETag, tb.Headers.ETag);
        // Either instance answers 304 to the other's ETag.
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "tiles/wards/10/816/482.mvt") { Headers = { IfNoneMatch = { ta.Headers.ETag! } } };
        using var notModified = await b.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        return ta.Headers.ETag!.Tag;
    }

    private static async Task<int> RequestsUntilRefusedAsync(HttpClient client)
    {
        for (var n = 1; n <= PerIpPermits + 1; n++)
        {
            using var response = await client.PostAsJsonAsync("graphql", new { query = "{ __typename }" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                return n;
            }
        }
        throw new InvalidOperationException($"No 429 within {PerIpPermits + 1} requests.");
    }
}
