using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// A streaming standby made with <c>pg_basebackup -R</c> serves the API's reads (GraphQL queries, tiles, OGC
/// features) while writes, and a mutation's own answer, come from the primary. Pausing the standby's WAL replay
/// makes the routing visible: a write is in the primary and in the mutation's answer, but not in reads until replay resumes.
/// </summary>
[Collection(OperationsCollection.Name)]
[Trait("Category", "Operations")]
public sealed class ReadReplicaTests(OperationsDatabase database, ITestOutputHelper output)
{
    private const string CountProbe = """query($name: String!) { wifiPoints(where: { name: { eq: $name } }) { totalCount } }""";

    [Fact]
    public async Task Reads_come_from_the_replica_and_writes_and_mutation_answers_from_the_primary()
    {
        var clock = Stopwatch.StartNew();
        await using var replica = await database.Server.StartReplicaAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pg_basebackup -R and standby start: {clock.Elapsed.TotalSeconds:0.0} s"));
        Assert.True(await replica.ScalarAsync<bool>(OperationsDatabase.Database, "SELECT pg_is_in_recovery()"));

        await using var api = new HubApiFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReadReplica"] = replica.ConnectionString(OperationsDatabase.Database, "dthub-read"),
        });
        var token = AccessTokens.Admin(api);
        using var client = api.CreateClient();
        var name = $"replica-probe-{Guid.NewGuid():N}";
        var tileBefore = await client.GetByteArrayAsync("tiles/wifi/10/816/482.mvt");
        var ogcBefore = await OgcCountAsync(client);

        // The API keeps reading from the standby: its sessions are there.
        Assert.Equal(0, await CountAsync(api, name));
        Assert.True(await replica.ScalarAsync<long>("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dthub-read'") > 0);

        await replica.ExecuteAsync("postgres", "SELECT pg_wal_replay_pause()");
        await PollAsync(async () => await replica.ScalarAsync<string>("postgres", "SELECT pg_get_wal_replay_pause_state()") == "paused", "replay paused");

        var created = await api.ExecuteAsAsync(token, """
            mutation($in: CreateWifiPointInput!) { createWifiPoint(input: $in) { wifiPoint { id name ward { code } } errors { code } } }
            """, new { @in = new { name, radiusMeters = 80, location = new { type = "Point", coordinates = new[] { 107.005, 10.305 } } } });
        // Read-your-writes: the mutation's answer, nested ward included, comes from the primary.
        var point = created.GetProperty("data").GetProperty("createWifiPoint").GetProperty("wifiPoint");
        Assert.Equal((name, "W01"), (point.GetProperty("name").GetString(), point.GetProperty("ward").GetProperty("code").GetString()));
        Assert.Equal(1L, await database.Server.ScalarAsync<long>(OperationsDatabase.Database, $"SELECT count(*) FROM wifi_points WHERE name = '{name}'"));

        // Every read door still answers from the paused standby.
        Assert.Equal(0, await CountAsync(api, name));
        Assert.Equal(tileBefore, await client.GetByteArrayAsync("tiles/wifi/10/816/482.mvt"));
        Assert.Equal(ogcBefore, await OgcCountAsync(client));

        await replica.ExecuteAsync("postgres", "SELECT pg_wal_replay_resume()");
        var resumed = Stopwatch.StartNew();
        await PollAsync(async () => await CountAsync(api, name) == 1, "the write visible through the API after replay resumed");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"write visible through the replica {resumed.Elapsed.TotalMilliseconds:0} ms after replay resumed"));
        Assert.NotEqual(tileBefore, await client.GetByteArrayAsync("tiles/wifi/10/816/482.mvt"));
        Assert.Equal(ogcBefore + 1, await OgcCountAsync(client));
    }

    private static async Task<int> CountAsync(HubApiFactory api, string name)
    {
        var result = await api.ExecuteAsync(CountProbe, new { name });
        return result.GetProperty("data").GetProperty("wifiPoints").GetProperty("totalCount").GetInt32();
    }

    private static async Task<long> OgcCountAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("ogc/collections/wifi-points/items?limit=1"));
        return json.RootElement.GetProperty("numberMatched").GetInt64();
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"Not within 15 s: {what}.");
            await Task.Delay(25);
        }
    }
}
