using DtHub.Api.Data;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Data;

/// <summary>The hub's data source prepares repeated statements unless the connection string says otherwise.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DataSourceTests(HubDatabase hub)
{
    [Fact]
    public async Task Repeated_statements_are_prepared_on_the_server()
    {
        await hub.UseEmptyAsync();
        await using var dataSource = DataModule.CreateDataSource(hub.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM wards WHERE id > $1", connection) { Parameters = { new() { Value = i } } };
            await command.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM wards WHERE id > $1%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Fact]
    public void An_explicit_setting_in_the_connection_string_wins()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(hub.ConnectionString) { MaxAutoPrepare = 0 }.ConnectionString;
        using var dataSource = DataModule.CreateDataSource(connectionString);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
    }
}
