using DtHub.Api.Data;
using DtHub.Api.Tests.GraphQL;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// The hub's schema with two wards on a <see cref="DurablePostgres"/> of its own, shared by the operations tests,
/// which stop, kill and replicate it. Tests in the collection run one at a time and leave the server running.
/// </summary>
public sealed class OperationsDatabase : IAsyncLifetime
{
    public const string Database = "dthub";

    internal DurablePostgres Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString(Database);

    public async Task InitializeAsync()
    {
        Server = await DurablePostgres.StartAsync();
        await Server.ExecuteAsync("postgres", $"CREATE DATABASE {Database}");
        await using var dataSource = DataModule.CreateDataSource(ConnectionString);
        var options = new DbContextOptionsBuilder<HubDbContext>();
        DataModule.ConfigureContext(options, dataSource);
        await using (var db = new HubDbContext(options.Options)) await db.Database.MigrateAsync();
        await using (var connection = await dataSource.OpenConnectionAsync()) await connection.ReloadTypesAsync();
        await using (var db = new HubDbContext(options.Options)) await TwoWardFixture.SeedAsync(db);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.DisposeAsync();
    }
}

/// <summary>Tests that stop, kill or replicate the operations cluster: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<OperationsDatabase>
{
    public const string Name = "operations";
}
