using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// PostgreSQL killed with SIGKILL in the middle of a stream of writes: after crash recovery every write the API
/// acknowledged is there. Holds because the server commits with fsync and synchronous_commit on and the API answers
/// a mutation only after its commit — nothing in the API turns synchronous_commit off.
/// </summary>
[Collection(OperationsCollection.Name)]
[Trait("Category", "Operations")]
public sealed class PostgresKillTests(OperationsDatabase database, ITestOutputHelper output)
{
    private const string CreateWifi = "mutation($in: CreateWifiPointInput!) { createWifiPoint(input: $in) { wifiPoint { id name } errors { code message } } }";

    [Fact]
    public async Task No_acknowledged_write_is_lost_when_postgres_is_killed_mid_stream()
    {
        Assert.Equal("on", await database.Server.ScalarAsync<string>(OperationsDatabase.Database, "SHOW fsync"));
        Assert.Equal("on", await database.Server.ScalarAsync<string>(OperationsDatabase.Database, "SHOW synchronous_commit"));
        var run = Guid.NewGuid().ToString("N")[..8];

        await using var api = new HubApiFactory(database.ConnectionString);
        var token = AccessTokens.Admin(api);
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        var acknowledged = new ConcurrentBag<string>();

        await using var traffic = Traffic.Start(4, async (worker, n, ct) =>
        {
            var name = $"kill-{run}-{worker}-{n}";
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "graphql")
            {
                Content = JsonContent.Create(new
                {
                    query = CreateWifi,
                    variables = new { @in = new { name, radiusMeters = 50, location = new { type = "Point", coordinates = new[] { 107.005, 10.305 } } } },
                }),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            }, ct);
            // Acknowledged: 200 and the created point in the payload, no error of any kind.
            if ((int)response.StatusCode == 200)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                var payload = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.GetProperty("createWifiPoint") : default;
                if (!body.RootElement.TryGetProperty("errors", out _) && payload.ValueKind == JsonValueKind.Object
                    && payload.GetProperty("wifiPoint").ValueKind == JsonValueKind.Object && payload.GetProperty("errors").GetArrayLength() == 0)
                    acknowledged.Add(payload.GetProperty("wifiPoint").GetProperty("name").GetString()!);
            }
            return ("mutation", response);
        });

        await traffic.UntilAsync(_ => acknowledged.Count >= 60, TimeSpan.FromSeconds(30), "60 acknowledged writes before the kill");
        await database.Server.KillAsync();
        var killed = traffic.Now;
        var beforeRestart = acknowledged.Count;
        await traffic.UntilAsync(a => a.Count(x => x.Started > killed && !x.Succeeded) >= 8, TimeSpan.FromSeconds(15), "8 refused writes while the server is down");
        await database.Server.StartServerAsync(); // crash recovery replays the WAL
        var back = traffic.Now;
        await traffic.UntilAsync(a => a.Count(x => x.Started > back && x.Succeeded) >= 40, TimeSpan.FromSeconds(30), "40 writes after the restart");
        await traffic.StopAsync();

        var stored = new HashSet<string>(await ReadNamesAsync($"kill-{run}-%"));
        var lost = acknowledged.Where(n => !stored.Contains(n)).ToList();
        var refused = traffic.Answers.Where(a => !a.Succeeded).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{traffic.Answers.Count} writes sent, {acknowledged.Count} acknowledged ({beforeRestart} before the restart), {refused.Count} refused; " +
            $"{stored.Count} stored after crash recovery, {lost.Count} acknowledged but missing; {stored.Count - acknowledged.Count} stored without an acknowledgement (answer lost in the crash)"));
        foreach (var kind in refused.GroupBy(a => (a.Status, a.Code))) output.WriteLine($"  refused {kind.Key}: {kind.Count()}");

        Assert.Empty(lost);
        Assert.All(refused, a => Assert.True(a is { Status: 503, Code: "DATABASE_UNAVAILABLE" }, a.ToString()));
    }

    private async Task<List<string>> ReadNamesAsync(string pattern)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT name FROM wifi_points WHERE name LIKE $1", connection) { Parameters = { new() { Value = pattern } } };
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
