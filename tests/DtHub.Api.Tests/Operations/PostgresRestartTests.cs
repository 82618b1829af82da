using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// The API survives PostgreSQL going away without being restarted itself: requests during the outage are refused
/// cleanly (503, <c>Retry-After</c>, <c>DATABASE_UNAVAILABLE</c>), requests after it succeed, and no write the API
/// acknowledged is lost when the server is killed outright.
/// </summary>
[Collection(OperationsCollection.Name)]
[Trait("Category", "Operations")]
public sealed class PostgresRestartTests(OperationsDatabase database, ITestOutputHelper output)
{
    private const string WardsQuery = "{ wards(first: 10) { totalCount nodes { code name } } merchants(first: 3) { nodes { name } } }";

    [Fact]
    public async Task Requests_during_a_restart_get_503_and_every_request_succeeds_within_10_s_after_it()
    {
        await using var api = new HubApiFactory(database.ConnectionString);
        var token = AccessTokens.Admin(api);
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        var apiKey = (await api.ExecuteAsAsync(token, "mutation { createApiKey(input: { name: \"outage\", scopes: [\"read:*\"] }) { secret } }"))
            .GetProperty("data").GetProperty("createApiKey").GetProperty("secret").GetString()!;

        // GraphQL reads (one as a signed-in admin), a tile and an OGC page, from four tasks.
        await using var traffic = Traffic.Start(4, async (worker, n, ct) => (worker, n % 2) switch
        {
            (0, _) => ("graphql", await client.PostAsJsonAsync("graphql", new { query = WardsQuery }, ct)),
            (1, _) => ("graphql-admin", await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "graphql")
            {
                Content = JsonContent.Create(new { query = WardsQuery }),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            }, ct)),
            (2, _) => ("tile", await client.GetAsync("tiles/wards/10/816/482.mvt", ct)),
            _ => ("ogc", await client.GetAsync("ogc/collections/wards/items?limit=5", ct)),
        });

        await traffic.UntilAsync(a => a.Count(x => x.Succeeded) >= 40, TimeSpan.FromSeconds(30), "40 answers before the stop");
        var stopping = traffic.Now;
        await database.Server.StopFastAsync();
        var stopped = traffic.Now;
        string[] kinds = ["graphql", "graphql-admin", "tile", "ogc"];
        await traffic.UntilAsync(a => kinds.All(k => a.Count(x => x.Kind == k && x.Started > stopped && !x.Succeeded) >= 5),
            TimeSpan.FromSeconds(15), "5 refusals of each kind of request during the outage");
        // An API key cannot be checked without the database: that is an outage too, not a bad credential (401).
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query = WardsQuery }), Headers = { { "X-Api-Key", apiKey } } })
        using (var refused = await client.SendAsync(keyed))
        {
            Assert.Equal((503, "5"), ((int)refused.StatusCode, refused.Headers.RetryAfter?.ToString()));
            Assert.Contains("DATABASE_UNAVAILABLE", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await database.Server.StartServerAsync();
        var back = traffic.Now;
        // Recovered: the last 60 answers, all sent after the restart, succeeded.
        await traffic.UntilAsync(a => a.Count(x => x.Started > back) >= 60 && a.Where(x => x.Started > back).TakeLast(60).All(x => x.Succeeded),
            TimeSpan.FromSeconds(20), "60 successes in a row after the restart");
        await traffic.StopAsync();

        var answers = traffic.Answers;
        var outage = answers.Where(a => !a.Succeeded).ToList();
        var lastFailureAfterBack = answers.Where(a => a.Started > back && !a.Succeeded).Select(a => a.Finished - back).DefaultIfEmpty(TimeSpan.Zero).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answers.Count} requests: {answers.Count(a => a.Started < stopping)} before the stop, {outage.Count} refused; stop took {(stopped - stopping).TotalSeconds:0.00} s, " +
            $"outage {(back - stopped).TotalSeconds:0.00} s; {answers.Count(a => a.Started > back && !a.Succeeded)} refused after the restart, the last {lastFailureAfterBack.TotalSeconds:0.000} s after it"));
        foreach (var kind in outage.GroupBy(a => (a.Kind, a.Status, a.Code))) output.WriteLine($"  refused {kind.Key}: {kind.Count()}");

        // Every refusal is the clean one: 503, Retry-After, the outage code — never a 500, a hang or a bare transport failure.
        Assert.All(outage, a => Assert.True(a is { Status: 503, Code: "DATABASE_UNAVAILABLE", RetryAfter: "5" }, a.ToString()));
        Assert.DoesNotContain(outage, a => a.Body.Contains("   at ", StringComparison.Ordinal)); // no stack trace
        Assert.True(lastFailureAfterBack < TimeSpan.FromSeconds(10), $"requests still failed {lastFailureAfterBack.TotalSeconds} s after the restart");
        Assert.All(answers.Where(a => a.Succeeded && a.Kind.StartsWith("graphql", StringComparison.Ordinal)), a =>
            Assert.Equal(2, JsonDocument.Parse(a.Body).RootElement.GetProperty("data").GetProperty("wards").GetProperty("totalCount").GetInt32()));
    }

    [Fact]
    public async Task After_a_restart_without_traffic_the_pools_stale_connections_cost_at_most_one_request_per_caller()
    {
        await using var api = new HubApiFactory(database.ConnectionString);
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        // 16 parallel queries leave up to 16 idle connections in the pool; the restart breaks each of them.
        var burst = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.PostAsJsonAsync("graphql", new { query = WardsQuery })));
        Assert.All(burst, r => Assert.Equal(200, (int)r.StatusCode));
        await database.Server.StopFastAsync();
        await database.Server.StartServerAsync();

        await using var traffic = Traffic.Start(4, async (worker, n, ct) => worker % 2 == 0
            ? ("graphql", await client.PostAsJsonAsync("graphql", new { query = WardsQuery }, ct))
            : ("tile", await client.GetAsync("tiles/wards/10/816/482.mvt", ct)));
        await traffic.UntilAsync(a => a.Count >= 60 && a.TakeLast(40).All(x => x.Succeeded), TimeSpan.FromSeconds(20), "40 successes in a row");
        await traffic.StopAsync();

        var failed = traffic.Answers.Where(a => !a.Succeeded).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{traffic.Answers.Count} requests after the restart, {failed.Count} refused, the last {failed.Select(a => a.Finished).DefaultIfEmpty().Max().TotalSeconds:0.000} s after traffic resumed"));
        Assert.All(failed, a => Assert.True(a is { Status: 503, Code: "DATABASE_UNAVAILABLE" }, a.ToString()));
        // The first broken connection empties the pool: only requests already in flight can meet another one.
        Assert.True(failed.Count <= 4, $"{failed.Count} requests failed on stale connections: {string.Join('\n', failed)}");
    }
}
