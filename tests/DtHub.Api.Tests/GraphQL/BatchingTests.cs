using DtHub.Api.Data;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Wards;
using DtHub.Api.Tests.Infrastructure;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Nested lists are batched: the number of SQL commands does not grow with the number of parents.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class BatchingTests(HubDatabase hub)
{
    private const string NestedQuery = """
        { wards(first: 50) { nodes { name
            merchants(first: 3, order: [{ name: ASC }]) { totalCount nodes { name ward { code } } }
            reports(first: 2) { nodes { month } }
            neighborhoods { nodes { name teams { totalCount } } } } } }
        """;

    [Fact]
    public async Task Sql_commands_of_a_nested_query_do_not_grow_with_the_number_of_parents()
    {
        // The resolver path batches per level; the compiled path is one statement (the next test).
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:CompiledReads:Enabled"] = "false" });
        var (twoWards, twelveWards) = await CommandsForTwoThenTwelveWardsAsync(api);
        Assert.InRange(twoWards.Count, 5, 10); // wards, merchants + count, reports, neighbourhoods, teams count, ward lookup
        Assert.True(twelveWards.Count == twoWards.Count, $"2 wards took {twoWards.Count} commands, 12 wards took {twelveWards.Count}:\n{string.Join("\n---\n", twelveWards)}");
    }

    [Fact]
    public async Task A_compiled_nested_query_is_one_statement_for_any_number_of_parents()
    {
        var (twoWards, twelveWards) = await CommandsForTwoThenTwelveWardsAsync(hub.Api);
        Assert.Single(twoWards);
        Assert.Single(twelveWards);
    }

    private async Task<(IReadOnlyList<string> TwoWards, IReadOnlyList<string> TwelveWards)> CommandsForTwoThenTwelveWardsAsync(HubApiFactory api)
    {
        await hub.UseEmptyAsync();
        await using (var db = hub.CreateContext()) await TwoWardFixture.SeedAsync(db);
        await api.ExecuteAsync(NestedQuery); // warm-up: schema, pools, type loading, and the document cached

        IReadOnlyList<string> twoWards;
        using (var counter = new SqlCommandCounter())
        {
            var result = await api.ExecuteAsync(NestedQuery);
            Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
            twoWards = counter.Commands;
        }

        await using (var db = hub.CreateContext()) await AddWardsAsync(db, 10);
        using (var counter = new SqlCommandCounter())
        {
            var result = await api.ExecuteAsync(NestedQuery);
            Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
            Assert.Equal(12, result.GetProperty("data").GetProperty("wards").GetProperty("nodes").GetArrayLength());
            return (twoWards, counter.Commands);
        }
    }

    private static async Task AddWardsAsync(HubDbContext db, int count)
    {
        var geo = new GeometryFactory(new PrecisionModel(), SpatialConventions.Srid);
        for (var i = 0; i < count; i++)
        {
            var west = 107.03 + i * 0.01;
            var square = geo.CreateMultiPolygon([geo.CreatePolygon([
                new(west, 10.30), new(west + 0.01, 10.30), new(west + 0.01, 10.31), new(west, 10.31), new(west, 10.30)])]);
            var ward = new Ward
            {
                Code = $"X{i:00}",
                Name = $"Phường {i + 20}",
                Geometry = square,
                LabelPoint = geo.CreatePoint(new Coordinate(west + 0.005, 10.305)),
                ValidFrom = new DateOnly(2020, 1, 1),
            };
            db.Wards.Add(ward);
            await db.SaveChangesAsync();
            db.Merchants.Add(new Merchant { Name = $"Cửa hàng {i}", Location = geo.CreatePoint(new Coordinate(west + 0.005, 10.305)), WardId = ward.Id });
        }
        await db.SaveChangesAsync();
    }
}
