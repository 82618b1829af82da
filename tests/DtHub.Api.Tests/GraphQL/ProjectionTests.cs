using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Only the columns a query selects are read from the database.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ProjectionTests(HubDatabase hub) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Selecting_names_reads_no_geometry_or_qr_columns()
    {
        using var counter = new SqlCommandCounter();
        var result = await hub.Api.ExecuteAsync("{ merchants(first: 5) { nodes { name } } }");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var select = Assert.Single(counter.Commands, c => c.Contains("FROM merchants", StringComparison.Ordinal));
        Assert.Contains("name", select, StringComparison.Ordinal);
        foreach (var column in new[] { "location", "qr_payload", "address", "website" })
            Assert.DoesNotContain(column, select, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relation_reads_only_its_foreign_key_and_the_related_columns_asked_for()
    {
        using var counter = new SqlCommandCounter();
        var result = await hub.Api.ExecuteAsync("{ merchants(first: 5) { nodes { category ward { code } } } }");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var merchants = Assert.Single(counter.Commands, c => c.Contains("FROM merchants", StringComparison.Ordinal));
        Assert.Contains("ward_id", merchants, StringComparison.Ordinal);
        Assert.DoesNotContain("location", merchants, StringComparison.Ordinal);
        var wards = Assert.Single(counter.Commands, c => c.Contains("FROM wards", StringComparison.Ordinal));
        Assert.Contains("code", wards, StringComparison.Ordinal);
        Assert.DoesNotContain("geometry", wards, StringComparison.Ordinal);
    }
}
