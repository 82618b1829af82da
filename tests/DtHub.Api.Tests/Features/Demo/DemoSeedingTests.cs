using System.Globalization;
using DtHub.Api.Data;
using DtHub.Api.Features.Demo;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Features.Demo;

/// <summary>How the demo is written: once, whole or not at all, and the same in every database.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoSeedingTests(HubDatabase hub, ITestOutputHelper output)
{
    [Fact]
    public async Task Seeding_an_empty_database_loads_everything_and_reports_progress()
    {
        await hub.UseEmptyAsync();
        var messages = new List<string>();
        await using var services = hub.DemoServices();
        var seeder = new DemoSeeder(services.GetRequiredService<IDbContextFactory<HubDbContext>>());

        Assert.True(await seeder.SeedIfEmptyAsync(messages.Add));

        foreach (var message in messages) output.WriteLine(message);
        Assert.Contains("wards 17", messages);
        Assert.Contains("teams 109", messages);
        Assert.Contains("merchants 3,000", messages);
        Assert.Contains("ward reports 612", messages);
        Assert.Equal(3_000L, await DemoSql.ScalarAsync<long>(hub.DataSource, "SELECT count(*) FROM merchants"));
        await hub.UseEmptyAsync(); // leave no doubt for the next test
    }

    [Fact]
    public async Task Seeding_a_database_that_already_has_wards_changes_nothing()
    {
        await hub.UseDemoDataAsync(willWrite: true);
        var before = await TableDigestsAsync(hub.DataSource);
        await using var services = hub.DemoServices();

        Assert.False(await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(_ => { }));

        Assert.Equal(before, await TableDigestsAsync(hub.DataSource));
    }

    [Fact]
    public async Task After_seeding_new_rows_get_keys_past_the_generated_ones()
    {
        await hub.UseDemoDataAsync(willWrite: true);
        var stuck = await DemoSql.ListAsync(hub.DataSource, """
            SELECT t FROM unnest(ARRAY['wards', 'neighborhoods', 'teams', 'team_members', 'model_streets', 'markets',
                                       'merchants', 'wifi_points', 'ward_reports', 'import_batches', 'targets']) t
            WHERE nextval(pg_get_serial_sequence(t, 'id')) <= (xpath('/row/m/text()',
                  query_to_xml(format('SELECT max(id) AS m FROM %I', t), false, true, '')))[1]::text::bigint
            """);
        Assert.Empty(stuck);
    }

    [Fact]
    public async Task A_failure_while_seeding_leaves_nothing_behind()
    {
        await hub.UseEmptyAsync();
        var version = await DemoSql.ScalarAsync<long>(hub.DataSource, "SELECT version FROM data_version");
        await ExecuteAsync(hub.DataSource, """
            CREATE FUNCTION demo_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER demo_test_refuse BEFORE INSERT ON ward_reports FOR EACH STATEMENT EXECUTE FUNCTION demo_test_refuse();
            """);
        try
        {
            await using var services = hub.DemoServices();
            var error = await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(_ => { }));
            Assert.Contains("refused by the test", error.ToString());
        }
        finally
        {
            await ExecuteAsync(hub.DataSource, "DROP TRIGGER demo_test_refuse ON ward_reports; DROP FUNCTION demo_test_refuse();");
        }

        Assert.All(await TableDigestsAsync(hub.DataSource), table => Assert.True(table.Value == "", $"{table.Key} has rows"));
        Assert.Equal(version, await DemoSql.ScalarAsync<long>(hub.DataSource, "SELECT version FROM data_version"));
    }

    [Fact]
    public async Task Seeding_two_databases_gives_the_same_rows_byte_for_byte()
    {
        await hub.UseDemoDataAsync();
        var scratch = new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Database = "dthub_demo_twice", Pooling = false }.ConnectionString;
        await ExecuteAsync(hub.DataSource, "DROP DATABASE IF EXISTS dthub_demo_twice WITH (FORCE); CREATE DATABASE dthub_demo_twice");
        try
        {
            await using var dataSource = DataModule.CreateDataSource(scratch);
            var options = DataModule.ConfigureContext(new DbContextOptionsBuilder<HubDbContext>(), dataSource).Options;
            await using (var db = new HubDbContext((DbContextOptions<HubDbContext>)options)) await db.Database.MigrateAsync();
            await using (var connection = await dataSource.OpenConnectionAsync()) await connection.ReloadTypesAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var seeded = await new DemoSeeder(new PooledDbContextFactory<HubDbContext>((DbContextOptions<HubDbContext>)options))
                .SeedIfEmptyAsync(output.WriteLine);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded a fresh database in {clock.Elapsed.TotalSeconds:0.00} s"));
            Assert.True(seeded);

            var expected = await TableDigestsAsync(hub.DataSource);
            var actual = await TableDigestsAsync(dataSource);
            Assert.Equal(expected, actual);
            // Every table holds demo rows, except lineage (no merge in the demo) and request bookkeeping.
            string[] emptyInDemo = ["ward_lineage", "neighborhood_lineage", "idempotency_keys"];
            Assert.DoesNotContain(expected, t => t.Value == "" && !emptyInDemo.Contains(t.Key));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(hub.DataSource, "DROP DATABASE IF EXISTS dthub_demo_twice WITH (FORCE)");
        }
    }

    /// <summary>An MD5 of every row of every table (as PostgreSQL prints it), except when the batch was loaded; the audit log and change feed record when and in which transaction, so they differ by design; API keys are not demo data.</summary>
    private static async Task<Dictionary<string, string>> TableDigestsAsync(NpgsqlDataSource db)
    {
        var tables = await DemoSql.ListAsync(db, """
            SELECT tablename FROM pg_tables WHERE schemaname = 'public'
              AND tablename NOT IN ('__ef_migrations_history', 'spatial_ref_sys', 'data_version', 'audit_log', 'change_log', 'api_keys')
              AND tablename NOT LIKE 'agg\_%' AND tablename NOT LIKE 'aggregate\_%' -- derived by a refresh, not seeded
            ORDER BY 1
            """);
        var digests = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var digest = await DemoSql.ListAsync(db,
                $"SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) FROM (SELECT to_jsonb(t) - 'imported_at' AS r FROM {table} t) rows");
            digests[table] = Assert.Single(digest);
        }
        return digests;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
