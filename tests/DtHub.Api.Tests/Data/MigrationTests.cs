using DtHub.Api.Data;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DtHub.Api.Tests.Data;

[Collection(DatabaseCollection.Name)]
public sealed class MigrationTests(HubDatabase hub)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_are_reversible()
    {
        var connectionString = await CreateScratchDatabaseAsync("dthub_migrations");
        await using var dataSource = DataModule.CreateDataSource(connectionString);
        await using var db = Context(dataSource);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains("merchants", await TablesAsync(dataSource));

        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.DoesNotContain("merchants", await TablesAsync(dataSource));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetPendingMigrationsAsync());

        await migrator.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Every_geometry_column_is_srid_4326_with_a_gist_index()
    {
        await hub.UseEmptyAsync();
        await using var conn = await hub.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.f_table_name || '.' || c.f_geometry_column, c.srid,
                   EXISTS (SELECT 1 FROM pg_indexes i
                           WHERE i.tablename = c.f_table_name AND i.indexdef ILIKE '%USING gist (' || c.f_geometry_column || ')%')
            FROM geometry_columns c
            -- Tables only: a view (agg_hex_cell) is served by its tables' indexes.
            JOIN pg_class t ON t.relname = c.f_table_name AND t.relkind = 'r'
            WHERE c.f_table_schema = 'public'
              -- The refresh's change queue is read whole and emptied, never searched by place: an index would only slow writers.
              AND c.f_table_name <> 'aggregate_changes'
            ORDER BY 1
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            var column = reader.GetString(0);
            columns.Add(column);
            Assert.True(reader.GetInt32(1) == 4326, $"{column} has SRID {reader.GetInt32(1)}");
            Assert.True(reader.GetBoolean(2), $"{column} has no GiST index");
        }
        Assert.Contains("merchants.location", columns);
        Assert.Contains("wards.geometry", columns);
        Assert.Contains("model_streets.geometry", columns);
    }

    private static HubDbContext Context(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        DataModule.ConfigureContext(options, dataSource);
        return new HubDbContext(options.Options);
    }

    private async Task<string> CreateScratchDatabaseAsync(string name)
    {
        await using (var conn = await hub.DataSource.OpenConnectionAsync())
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    private static async Task<List<string>> TablesAsync(NpgsqlDataSource dataSource)
    {
        await using var cmd = dataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        await using var reader = await cmd.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
