using DtHub.Api.Data;
using DtHub.Api.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>
/// One real PostGIS database per test run, built by the migrations. Tests choose their starting state:
/// <see cref="UseEmptyAsync"/> or <see cref="UseDemoDataAsync"/>; Respawn clears what the previous test left.
/// </summary>
public sealed class HubDatabase : IAsyncLifetime
{
    private IAsyncDisposable? _server;
    private Respawner? _respawner;
    private State _state = State.Unknown;
    private HubApiFactory? _api;

    private enum State { Unknown, Empty, Demo }

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The real API over HTTP on this database, started on first use and shared by the run.</summary>
    public HubApiFactory Api => _api ??= new HubApiFactory(ConnectionString);

    public async Task InitializeAsync()
    {
        var (serverConnection, owner) = await PostGisServer.AcquireAsync();
        _server = owner;
        var databaseName = $"dthub_test_{Environment.ProcessId}";
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE); CREATE DATABASE {databaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = databaseName }.ConnectionString;
        DataSource = DataModule.CreateDataSource(ConnectionString);

        await using (var db = CreateContext()) await db.Database.MigrateAsync();
        // Types created by the extensions (postgis) must be reloaded on connections opened before they existed.
        await using (var connection = await DataSource.OpenConnectionAsync()) await connection.ReloadTypesAsync();

        await using var conn = await DataSource.OpenConnectionAsync();
        _respawner = await Respawner.CreateAsync(conn, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history", "spatial_ref_sys", "data_version"],
            WithReseed = true,
        });
    }

    public HubDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        DataModule.ConfigureContext(options, DataSource);
        return new HubDbContext(options.Options);
    }

    /// <summary>Starts the test from a database with the schema and no rows.</summary>
    public async Task UseEmptyAsync()
    {
        await ResetAsync();
        _state = State.Empty;
    }

    /// <summary>
    /// Starts the test from the Vũng Tàu demo data. Read-only tests share one load;
    /// a test that writes says so, and the next test gets a fresh load.
    /// </summary>
    public async Task UseDemoDataAsync(bool willWrite = false)
    {
        if (_state != State.Demo)
        {
            await ResetAsync();
            await using var provider = DemoServices();
            await provider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(_ => { });
        }
        _state = willWrite ? State.Unknown : State.Demo;
    }

    /// <summary>A service provider with the hub's database services pointed at the test database.</summary>
    public ServiceProvider DemoServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(DataSource);
        services.AddPooledDbContextFactory<HubDbContext>((sp, o) => DataModule.ConfigureContext(o, DataSource));
        services.AddDemoData();
        services.AddLogging();
        return services.BuildServiceProvider();
    }

    private async Task ResetAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await _respawner!.ResetAsync(conn);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>Every test that touches the database joins this collection: one database, tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<HubDatabase>
{
    public const string Name = "database";
}
