using DtHub.Api.Data;
using DtHub.Api.Hosting;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DtHub.Api.Tests.Hosting;

/// <summary>docker compose relies on <c>Database:MigrateOnStartup</c>: the host must build the schema itself.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DatabaseStartupTests(HubDatabase hub)
{
    [Fact]
    public async Task Host_with_MigrateOnStartup_applies_every_migration_before_it_serves()
    {
        var connectionString = await CreateScratchDatabaseAsync("dthub_startup_migrate");

        var pending = await PendingMigrationsAfterStartAsync(connectionString, migrateOnStartup: true);

        Assert.Empty(pending);
    }

    [Fact]
    public async Task Host_without_MigrateOnStartup_leaves_the_database_untouched()
    {
        var connectionString = await CreateScratchDatabaseAsync("dthub_startup_untouched");

        var pending = await PendingMigrationsAfterStartAsync(connectionString, migrateOnStartup: false);

        await using var db = hub.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), pending);
    }

    private static async Task<List<string>> PendingMigrationsAfterStartAsync(string connectionString, bool migrateOnStartup)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DTHUB_DB"] = connectionString,
            ["Database:MigrateOnStartup"] = migrateOnStartup.ToString(),
            ["Database:SeedDemoOnStartup"] = "false",
        });
        builder.AddHubDatabase();
        builder.AddDatabaseStartup();
        using var host = builder.Build();

        await host.StartAsync();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await host.StopAsync();
        return pending;
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
}
