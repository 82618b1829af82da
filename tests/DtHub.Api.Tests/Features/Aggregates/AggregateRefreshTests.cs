using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static DtHub.Api.Tests.Features.Aggregates.AggregateTestWorld;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>How a refresh behaves: incremental equals full, readers see whole refreshes, failures keep the old figures.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AggregateRefreshTests(HubDatabase hub)
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);

    private Task<List<string>> SnapshotAsync() => AggregateSnapshot.TakeAsync(hub);

    private async Task ExecuteAsync(string sql)
    {
        await using var cmd = hub.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<int>> StreetsHeldBackByAsync(long merchantId)
    {
        await using var cmd = hub.DataSource.CreateCommand("SELECT model_street_id FROM agg_street_holdouts WHERE merchant_id = @m ORDER BY 1");
        cmd.Parameters.AddWithValue("m", merchantId);
        await using var rows = await cmd.ExecuteReaderAsync();
        var streets = new List<int>();
        while (await rows.ReadAsync()) streets.Add(rows.GetInt32(0));
        return streets;
    }

    [Fact]
    public async Task Incremental_refresh_touches_only_changed_wards_and_equals_a_full_refresh()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");

        var versionBefore = (await new DataVersion(hub.DataSource).CurrentAsync()).Version;
        var nothingChanged = await refresh.RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");
        Assert.Equal(0, nothingChanged.UnitsTouched);
        // Every completed refresh bumps the data version, even one that found nothing to recompute.
        Assert.Equal(versionBefore + 1, (await new DataVersion(hub.DataSource).CurrentAsync()).Version);
        Assert.Equal(versionBefore + 1, nothingChanged.DataVersion);

        // Changes of every kind: an update, a move across wards, a deletion, a new report, a Wi-Fi point switched off.
        var later = DateTimeOffset.UtcNow;
        await ExecuteAsync($"UPDATE merchants SET accepts_qr = true, updated_at = now() WHERE id = {world.M2.Id}");
        await ExecuteAsync($"UPDATE merchants SET location = ST_SetSRID(ST_MakePoint(107.087, 10.3555), 4326), ward_id = {world.A.Id}, updated_at = now() WHERE id = {world.M5.Id}");
        await ExecuteAsync($"DELETE FROM teams WHERE neighborhood_id = {world.AWest.Id}");
        await ExecuteAsync($"UPDATE wifi_points SET status = 'Inactive', updated_at = now() WHERE id = {world.Edge.Id}");
        await InsertReportAsync(hub, world.B.Id, new DateOnly(2022, 7, 1), 600, 420, later);

        var incremental = await refresh.RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");
        Assert.Equal(AggregateRunStatus.Succeeded, incremental.Status);
        Assert.Equal(2, incremental.UnitsTouched); // A and B; D is 5 km away and untouched
        var afterIncremental = await SnapshotAsync();

        var full = await ColdFullRefreshAsync(refresh);
        Assert.Equal(3, full.UnitsTouched);
        Assert.Equal(afterIncremental, await SnapshotAsync());

        // And the figures did move.
        var a = (await services.GetRequiredService<AggregateReader>().WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id];
        Assert.Equal((5, 4), (a.QrAdoption!.Merchants, a.QrAdoption.WithQr));
        Assert.Equal(0, a.TeamCoverage!.WithTeam);
    }

    [Fact]
    public async Task Each_input_family_recomputes_only_what_it_feeds_and_equals_a_full_refresh()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        var reader = services.GetRequiredService<AggregateReader>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        var coverBefore = (await reader.WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id].WifiCoverage!.CoveredAreaM2;

        // A merchant: QR switched on and moved 10 m east, still 10 m from street 2. Only merchant figures are recounted.
        Assert.Equal([world.Street2.Id], await StreetsHeldBackByAsync(world.M2.Id));
        await ExecuteAsync($"UPDATE merchants SET accepts_qr = true, location = ST_Translate(location, 0.0001, 0), updated_at = now() WHERE id = {world.M2.Id}");
        var (run, seen) = await IncrementalSeeingAsync(refresh);
        Assert.Equal(1, run.UnitsTouched);
        // Its old and new rows are two deltas; street 2 (10 m away) takes them, street 1 (500 m away) does not.
        Assert.Equal(new Dictionary<string, long>
        {
            ["agg_dirty"] = 0, ["agg_cover_wards"] = 0, ["agg_month_wards"] = 0, ["agg_wifi_wards"] = 0,
            ["agg_merchant_changes"] = 2, ["agg_merchant_wards"] = 1, ["agg_street_deltas"] = 1,
        }, seen);
        Assert.True((await reader.StreetComplianceAsync([world.Street2.Id]))[world.Street2.Id].Compliant);
        Assert.Empty(await StreetsHeldBackByAsync(world.M2.Id));
        await AssertFullRefreshAgreesAsync(refresh);

        // A Wi-Fi circle widened from 200 to 250 m, inside ward A: only A's coverage (and its cells') is recomputed.
        await ExecuteAsync($"UPDATE wifi_points SET radius_meters = 250, updated_at = now() WHERE id = {world.Centre.Id}");
        (run, seen) = await IncrementalSeeingAsync(refresh);
        Assert.Equal(1, run.UnitsTouched);
        Assert.Equal((0, 0, 0, 0, 1), (seen["agg_dirty"], seen["agg_month_wards"], seen["agg_merchant_changes"],
            seen["agg_street_deltas"], seen["agg_wifi_wards"]));
        Assert.True((await reader.WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id].WifiCoverage!.CoveredAreaM2 > coverBefore);
        await AssertFullRefreshAgreesAsync(refresh);

        // A report of ward D: only D's account ownership (and the city's month) is recomputed.
        await InsertReportAsync(hub, world.D.Id, new DateOnly(2022, 7, 1), 500, 250);
        (run, seen) = await IncrementalSeeingAsync(refresh);
        Assert.Equal(1, run.UnitsTouched);
        Assert.Equal((0, 0, 1, 0, 0), (seen["agg_dirty"], seen["agg_cover_wards"], seen["agg_month_wards"],
            seen["agg_merchant_changes"], seen["agg_wifi_wards"]));
        await AssertFullRefreshAgreesAsync(refresh);

        // A merchant deleted and a Wi-Fi point switched off in one refresh, then nothing: the queue was consumed.
        await ExecuteAsync($"DELETE FROM merchants WHERE id = {world.M5.Id}");
        await ExecuteAsync($"UPDATE wifi_points SET status = 'Inactive', updated_at = now() WHERE id = {world.Edge.Id}");
        (run, _) = await IncrementalSeeingAsync(refresh);
        Assert.Equal(2, run.UnitsTouched);
        await AssertFullRefreshAgreesAsync(refresh);
        Assert.Equal(0, (await refresh.RunNowAsync(AggregateRunKind.Incremental, "test", "test-host")).UnitsTouched);

        // A circle changed behind the queue's back (triggers off): a full refresh that keeps unchanged coverage still
        // sees it by the ward's Wi-Fi fingerprint, and agrees with one that recomputes every ward's coverage.
        var coverBeforeShrink = (await reader.WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id].WifiCoverage!.CoveredAreaM2;
        await ExecuteAsync($"SET session_replication_role = replica; UPDATE wifi_points SET radius_meters = 150 WHERE id = {world.Centre.Id}; RESET session_replication_role");
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        Assert.True((await reader.WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id].WifiCoverage!.CoveredAreaM2 < coverBeforeShrink);
        await AssertFullRefreshAgreesAsync(refresh);
    }

    [Fact]
    public async Task A_street_moved_without_updated_at_is_recomputed_and_merchants_then_find_it_where_it_is()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        var reader = services.GetRequiredService<AggregateReader>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");

        // Street 1 moved 390 m south onto the market stall by SQL that forgets updated_at (same count, ids and timestamps):
        // the change queue still names ward A, whose figures and street cells are recomputed.
        await ExecuteAsync($"UPDATE model_streets SET geometry = ST_Translate(geometry, 0, -0.0035) WHERE id = {world.Street1.Id}");
        var (_, seen) = await IncrementalSeeingAsync(refresh);
        Assert.True(seen["agg_dirty"] >= 1);
        await AssertFullRefreshAgreesAsync(refresh);

        // A merchant moved next to the street's new place (11 m) is counted for it by delta, and no longer for street 2.
        await ExecuteAsync($"UPDATE merchants SET location = ST_SetSRID(ST_MakePoint(107.084, 10.3536), 4326), updated_at = now() WHERE id = {world.M2.Id}");
        (_, seen) = await IncrementalSeeingAsync(refresh);
        Assert.Equal((0, 2), (seen["agg_dirty"], seen["agg_street_deltas"]));
        var streets = await reader.StreetComplianceAsync([world.Street1.Id, world.Street2.Id]);
        Assert.Equal((2, 1), (streets[world.Street1.Id].Merchants, streets[world.Street1.Id].WithQr));
        Assert.Equal(0, streets[world.Street2.Id].Merchants);
        await AssertFullRefreshAgreesAsync(refresh);
    }

    /// <summary>
    /// An incremental refresh, with the sizes of what it chose to recompute, read inside its transaction before commit
    /// (agg_dirty: whole wards; the others per input family).
    /// </summary>
    private static async Task<(AggregateRun Run, Dictionary<string, long> Seen)> IncrementalSeeingAsync(AggregateRefresh refresh)
    {
        var seen = new Dictionary<string, long>();
        refresh.BeforeCommit = async (connection, transaction) =>
        {
            foreach (var table in new[] { "agg_dirty", "agg_cover_wards", "agg_month_wards", "agg_wifi_wards", "agg_merchant_changes", "agg_merchant_wards", "agg_street_deltas" })
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection, transaction);
                seen[table] = (long)(await count.ExecuteScalarAsync())!;
            }
        };
        try
        {
            var run = await refresh.RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");
            Assert.Equal(AggregateRunStatus.Succeeded, run.Status);
            return (run, seen);
        }
        finally
        {
            refresh.BeforeCommit = null;
        }
    }

    private async Task AssertFullRefreshAgreesAsync(AggregateRefresh refresh)
    {
        var incremental = await SnapshotAsync();
        await ColdFullRefreshAsync(refresh);
        Assert.Equal(incremental, await SnapshotAsync());
    }

    /// <summary>A full refresh that also recomputes every ward's Wi-Fi coverage (a warm one keeps unchanged coverage).</summary>
    private async Task<AggregateRun> ColdFullRefreshAsync(AggregateRefresh refresh)
    {
        await ExecuteAsync("UPDATE aggregate_ward_inputs SET wifi_fingerprint = NULL");
        return await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
    }

    [Fact]
    public async Task A_cold_full_refresh_may_share_its_coverage_work_among_parallel_workers_and_leaves_no_work_table()
    {
        await hub.UseEmptyAsync();
        await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        var before = await SnapshotAsync();

        var plans = new List<string>();
        string? persistence = null;
        refresh.BeforeCommit = async (connection, transaction) =>
        {
            // The planner shares the wards among workers only when there are enough of them; with parallelism made free,
            // the plan shows whether it may at all (a temporary table or a correlated subquery would keep it in the leader).
            await using (var free = new NpgsqlCommand("""
                SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0;
                SET LOCAL max_parallel_workers_per_gather = 2
                """, connection, transaction))
                await free.ExecuteNonQueryAsync();
            foreach (var sql in new[]
            {
                "SELECT w.ward_id, pg_temp.agg_ward_union(w.shape) FROM agg_ward_shape w WHERE w.needs_cover",
                "SELECT n.neighborhood_id, pg_temp.agg_covered_planar(n.shape) FROM agg_neighborhood_shape n WHERE n.cover_written",
            })
            {
                await using var explain = new NpgsqlCommand($"EXPLAIN (VERBOSE, COSTS OFF) {sql}", connection, transaction);
                await using var reader = await explain.ExecuteReaderAsync();
                var lines = new List<string>();
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
                plans.Add(string.Join('\n', lines));
            }
            await using var tables = new NpgsqlCommand("""
                SELECT string_agg(relname || ':' || relpersistence::text, ',' ORDER BY relname) FROM pg_class
                WHERE relkind = 'r' AND relname IN ('agg_ward_shape', 'agg_neighborhood_shape', 'agg_discs', 'agg_ward_cover_shape', 'agg_cover_parts', 'agg_figure_cells')
                """, connection, transaction);
            persistence = (string?)await tables.ExecuteScalarAsync();
        };
        try
        {
            await ColdFullRefreshAsync(refresh);
        }
        finally
        {
            refresh.BeforeCommit = null;
        }

        // Each worker computes the union (the covered area) of the wards (neighbourhoods) its parallel scan hands it.
        Assert.Matches(@"^Gather\n.*\nWorkers Planned: [1-9]\n-> +Parallel Seq Scan on public\.agg_ward_shape w\nOutput: ward_id, pg_temp\.agg_ward_union\(shape\)\n", plans[0]);
        Assert.Matches(@"^Gather\n.*\nWorkers Planned: [1-9]\n-> +Parallel Seq Scan on public\.agg_neighborhood_shape n\nOutput: neighborhood_id, pg_temp\.agg_covered_planar\(shape\)\n", plans[1]);
        // The work tables are unlogged tables of the refresh transaction, and gone after it.
        Assert.Equal("agg_cover_parts:u,agg_discs:u,agg_figure_cells:u,agg_neighborhood_shape:u,agg_ward_cover_shape:u,agg_ward_shape:u", persistence);
        await using var left = hub.DataSource.CreateCommand("""
            SELECT count(*) FROM pg_class WHERE relname IN ('agg_ward_shape', 'agg_neighborhood_shape', 'agg_discs', 'agg_ward_cover_shape', 'agg_cover_parts', 'agg_figure_cells')
            """);
        Assert.Equal(0L, (long)(await left.ExecuteScalarAsync())!);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Each_refresh_bumps_the_data_version_and_records_its_run()
    {
        await hub.UseEmptyAsync();
        await BuildAsync(hub);
        await using var services = Services(hub);
        var versions = new DataVersion(hub.DataSource);
        var before = (await versions.CurrentAsync()).Version;

        var run = await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "host-1");

        Assert.Equal(before + 1, (await versions.CurrentAsync()).Version);
        Assert.Equal(before + 1, run.DataVersion);
        Assert.Equal((AggregateRunKind.Full, "host-1", 1, 3), (run.Kind, run.SchedulerInstanceId, run.Attempt, run.UnitsTouched));
        Assert.True(run.RowsWritten > 0);
        Assert.True(run.StartedAt <= run.FinishedAt);
        var store = services.GetRequiredService<AggregateRunStore>();
        Assert.Equal(run.Id, (await store.LatestSuccessfulAsync())!.Id);
        Assert.Equal([run.Id], (await store.ListAsync(5)).Select(r => r.Id));
    }

    [Fact]
    public async Task A_reader_during_a_refresh_sees_the_previous_figures_and_is_not_blocked()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        var reader = services.GetRequiredService<AggregateReader>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        await ExecuteAsync($"UPDATE merchants SET accepts_qr = true, updated_at = now() WHERE id = {world.M5.Id}");

        UnitIndicators? during = null;
        refresh.BeforeCommit = async (_, _) =>
        {
            // The refresh has rewritten every row of A and B but not committed: a reader must neither wait nor see them.
            during = (await reader.WardIndicatorsAsync([world.A.Id, world.B.Id], June2022).WaitAsync(TimeSpan.FromSeconds(20)))[world.B.Id];
        };
        await refresh.RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");

        Assert.Equal(0, during!.QrAdoption!.WithQr);
        Assert.Equal(1, (await reader.WardIndicatorsAsync([world.B.Id], June2022))[world.B.Id].QrAdoption!.WithQr);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_previous_figures_and_records_the_error()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        await using var services = Services(hub);
        var refresh = services.GetRequiredService<AggregateRefresh>();
        var reader = services.GetRequiredService<AggregateReader>();
        await refresh.RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        var before = await SnapshotAsync();
        var version = (await new DataVersion(hub.DataSource).CurrentAsync()).Version;
        await ExecuteAsync($"UPDATE merchants SET accepts_qr = true, updated_at = now() WHERE id = {world.M5.Id}");

        refresh.BeforeCommit = async (connection, transaction) =>
        {
            await using var broken = new NpgsqlCommand("SELECT 1 / (SELECT count(*) - count(*) FROM agg_dirty)", connection, transaction);
            await broken.ExecuteNonQueryAsync();
        };
        var queued = await services.GetRequiredService<AggregateRunStore>().CreateQueuedAsync(AggregateRunKind.Full, "test");
        await Assert.ThrowsAsync<PostgresException>(() => refresh.ExecuteAsync(queued.Id, "test-host"));

        var failed = (await services.GetRequiredService<AggregateRunStore>().GetAsync(queued.Id))!;
        Assert.Equal(AggregateRunStatus.Failed, failed.Status);
        Assert.Contains("division by zero", failed.Error);
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(version, (await new DataVersion(hub.DataSource).CurrentAsync()).Version);
        Assert.Equal(0, (await reader.WardIndicatorsAsync([world.B.Id], June2022))[world.B.Id].QrAdoption!.WithQr);

        // The retry (same run, next attempt) succeeds once the fault is gone.
        refresh.BeforeCommit = null;
        var retried = await refresh.ExecuteAsync(queued.Id, "test-host");
        Assert.Equal((AggregateRunStatus.Succeeded, 2, (string?)null), (retried.Status, retried.Attempt, retried.Error));
    }

    [Fact]
    public async Task A_run_whose_session_died_is_marked_abandoned_and_can_be_recovered()
    {
        await hub.UseEmptyAsync();
        await BuildAsync(hub);
        await using var services = Services(hub);
        var store = services.GetRequiredService<AggregateRunStore>();
        var run = await store.CreateQueuedAsync(AggregateRunKind.Full, "test");
        await using (var dying = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await dying.OpenAsync();
            await AggregateRunStore.MarkRunningAsync(dying, run.Id, "dead-host", CancellationToken.None);
            // The host dies: its session ends (pg_terminate_backend waits until it has).
            await ExecuteAsync($"SELECT pg_terminate_backend({dying.ProcessID}, 10000)");
        }

        Assert.Equal(1, await store.FailAbandonedAsync());
        Assert.Contains("dead-host", (await store.GetAsync(run.Id))!.Error);
        var recovered = await services.GetRequiredService<AggregateRefresh>().ExecuteAsync(run.Id, "live-host");
        Assert.Equal((AggregateRunStatus.Succeeded, 2, "live-host"), (recovered.Status, recovered.Attempt, recovered.SchedulerInstanceId));
    }
}
