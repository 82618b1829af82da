using System.Collections.Concurrent;
using System.Text.Json;
using DtHub.Api.Features.Changes;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Features.Changes;

/// <summary>The change feed: upserts and tombstones in order, resumable by cursor, and nothing lost to transactions that commit late.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ChangeFeedTests(HubDatabase hub) : IAsyncLifetime
{
    private const string Pull = """
        query($since: String) { changes(entity: MERCHANT, since: $since, first: 100) { changes { id deleted node { ... on Merchant { name } } } cursor hasMore } }
        """;

    private AccessWorld _world = null!;
    private int _wardId;

    public async Task InitializeAsync()
    {
        _world = await AccessWorld.SeedAsync(hub);
        await using var command = hub.DataSource.CreateCommand("SELECT id FROM wards WHERE code = 'W01'");
        _wardId = (int)(await command.ExecuteScalarAsync())!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> PullAsync(string? since) =>
        (await hub.Api.ExecuteAsAdminAsync(Pull, new { since })).GetProperty("data").GetProperty("changes");

    [Fact]
    public async Task Feed_gives_upserts_then_tombstones_and_resumes_from_its_cursor()
    {
        var start = await PullAsync(null);
        Assert.Equal(5, start.GetProperty("changes").GetArrayLength()); // the fixture's merchants
        Assert.All(start.GetProperty("changes").EnumerateArray(), c => Assert.False(c.GetProperty("deleted").GetBoolean()));
        var cursor = start.GetProperty("cursor").GetString();

        await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { updateMerchant(input: { id: $id, name: \"Quán Đổi Tên\" }) { errors { code } } }", new { id = _world.West.Merchant });
        await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { deleteMerchant(input: { id: $id }) { errors { code } } }", new { id = _world.East.Merchant });

        var next = await PullAsync(cursor);
        var changes = next.GetProperty("changes").EnumerateArray().ToArray();
        Assert.Equal(2, changes.Length);
        Assert.Equal((_world.West.Merchant, false, "Quán Đổi Tên"),
            (changes[0].GetProperty("id").GetString(), changes[0].GetProperty("deleted").GetBoolean(), changes[0].GetProperty("node").GetProperty("name").GetString()));
        Assert.Equal((_world.East.Merchant, true, JsonValueKind.Null),
            (changes[1].GetProperty("id").GetString(), changes[1].GetProperty("deleted").GetBoolean(), changes[1].GetProperty("node").ValueKind));

        var nothing = await PullAsync(next.GetProperty("cursor").GetString());
        Assert.Equal(0, nothing.GetProperty("changes").GetArrayLength());
        Assert.Equal(next.GetProperty("cursor").GetString(), nothing.GetProperty("cursor").GetString());
    }

    [Fact]
    public async Task Transaction_that_commits_after_a_later_one_is_not_skipped()
    {
        var feed = new ChangeFeed(hub.DataSource);
        var cursor = (await feed.ReadAsync(ChangeEntity.Merchant, null, 1000, default)).Cursor;

        // early takes its transaction id first but writes last; late writes first and commits while early is open.
        await using var early = await hub.DataSource.OpenConnectionAsync();
        await using var late = await hub.DataSource.OpenConnectionAsync();
        await using var earlyTx = await early.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", early, earlyTx)) await xid.ExecuteScalarAsync();
        long lateId;
        await using (var lateTx = await late.BeginTransactionAsync())
        {
            lateId = await InsertMerchantAsync(late, lateTx, "Late");
            await lateTx.CommitAsync();
        }
        var earlyId = await InsertMerchantAsync(early, earlyTx, "Early");

        // While early is open, nothing behind it is handed out: late's change waits.
        var during = await feed.ReadAsync(ChangeEntity.Merchant, cursor, 1000, default);
        Assert.Empty(during.Changes);

        await earlyTx.CommitAsync();
        var after = await feed.ReadAsync(ChangeEntity.Merchant, during.Cursor, 1000, default);
        Assert.Equal([earlyId, lateId], after.Changes.Select(c => c.Id)); // transaction order, not insert order
    }

    [Fact]
    public async Task Feed_misses_nothing_across_concurrent_writes()
    {
        var feed = new ChangeFeed(hub.DataSource);
        var mirror = new HashSet<long>((await feed.ReadAsync(ChangeEntity.Merchant, null, 1000, default)).Changes.Select(c => c.Id));
        var cursor = (await feed.ReadAsync(ChangeEntity.Merchant, null, 1000, default)).Cursor;
        var inserted = new ConcurrentBag<long>();
        var writersDone = 0;

        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var mine = new List<long>();
            await using var connection = await hub.DataSource.OpenConnectionAsync();
            for (var t = 0; t < 40; t++)
            {
                await using var tx = await connection.BeginTransactionAsync();
                var action = mine.Count == 0 ? 0 : random.Next(3);
                if (action == 0)
                {
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var id = await InsertMerchantAsync(connection, tx, $"w{w}t{t}i{i}");
                        mine.Add(id);
                        inserted.Add(id);
                    }
                }
                else
                {
                    var id = mine[random.Next(mine.Count)];
                    var sql = action == 1 ? "UPDATE merchants SET name = name || '+' WHERE id = $1" : "DELETE FROM merchants WHERE id = $1";
                    await using var command = new NpgsqlCommand(sql, connection, tx) { Parameters = { new() { Value = id } } };
                    await command.ExecuteNonQueryAsync();
                    if (action == 2) mine.Remove(id);
                }
                await tx.CommitAsync();
            }
            Interlocked.Increment(ref writersDone);
        })).ToList();

        var seen = new HashSet<long>();
        while (true)
        {
            var finished = Volatile.Read(ref writersDone) == writers.Count;
            var page = await feed.ReadAsync(ChangeEntity.Merchant, cursor, 50, default);
            foreach (var change in page.Changes)
            {
                seen.Add(change.Id);
                if (change.Deleted) mirror.Remove(change.Id);
                else mirror.Add(change.Id);
            }
            cursor = page.Cursor;
            if (finished && page.Changes.Count == 0) break;
        }
        await Task.WhenAll(writers);

        await using var live = hub.DataSource.CreateCommand("SELECT id FROM merchants");
        var expected = new HashSet<long>();
        await using (var reader = await live.ExecuteReaderAsync())
            while (await reader.ReadAsync()) expected.Add(reader.GetInt64(0));
        Assert.Subset(seen, inserted.ToHashSet());
        Assert.Equal(expected.Order(), mirror.Order());
    }

    private async Task<long> InsertMerchantAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO merchants (name, category, location, ward_id, accepts_qr, has_transactions, has_e_invoice, is_synthetic, updated_at)
            VALUES ($1, 'Restaurant', ST_SetSRID(ST_MakePoint(107.005, 10.305), 4326), $2, false, false, false, true, now()) RETURNING id
            """, connection, tx) { Parameters = { new() { Value = name }, new() { Value = _wardId } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
